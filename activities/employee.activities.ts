import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { employeeEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type EmployeeActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

/** Emails to the referred employee, keyed so a retry never leaves two live links. */
export function employeeActivities({ db, mailer, publicUrl }: EmployeeActivityDeps) {
  return {
    sendConsentLink: (input: { referralId: string; linkId: string; expiresAt: number }) => sendLink({ ...input, purpose: 'consent' }),
    sendLetterReviewLink: (input: { referralId: string; letterId: string; linkId: string; expiresAt: number }) => sendLink({ ...input, purpose: 'letter-review' }),
  };

  async function sendLink({ referralId, linkId, expiresAt, purpose, letterId }: { referralId: string; linkId: string; expiresAt: number; purpose: 'consent' | 'letter-review'; letterId?: string }): Promise<void> {
    const key = `employee-link:${linkId}`;
    if (await db('sent_emails').where({ key }).first()) return;
    const referral = await db('referrals as r').join('organisations as o', 'o.id', 'r.organisation_id').where('r.id', referralId).first('r.form_data', 'o.name as employer');
    const email = (referral?.formData?.employeeEmail as string | undefined)?.trim();
    if (!referral || !email) throw ApplicationFailure.nonRetryable('The referral has no employee email address', 'NoEmployeeEmail');
    const token = generateToken();
    await db('employee_links')
      .insert({ id: linkId, referralId, purpose, letterId: letterId ?? null, tokenHash: hashToken(token), expiresAt: new Date(expiresAt) })
      .onConflict('id')
      .merge(['tokenHash', 'expiresAt']);
    const name = [referral.formData.employeeFirstName, referral.formData.employeeSurname].filter(Boolean).join(' ');
    const days = Math.max(1, Math.round((expiresAt - Date.now()) / 86_400_000));
    const validFor = `${days} day${days === 1 ? '' : 's'}`;
    const message = purpose === 'consent'
      ? employeeEmailTemplates.consent({ employeeName: name, employer: referral.employer, url: `${publicUrl}/employee/consent?token=${token}`, validFor })
      : employeeEmailTemplates.letterReview({ employeeName: name, url: `${publicUrl}/employee/letter?token=${token}`, validFor });
    await mailer.send(email, message);
    await db('sent_emails').insert({ key, template: `employee-${purpose}` }).onConflict('key').ignore();
  }
}
