import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { employeeEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type EmployeeActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

/** Emails to the referred employee, keyed so a retry never leaves two live links. */
export function employeeActivities({ db, mailer, publicUrl }: EmployeeActivityDeps) {
  return {
    async sendConsentLink({ referralId, linkId, expiresAt }: { referralId: string; linkId: string; expiresAt: number }): Promise<void> {
      const key = `employee-link:${linkId}`;
      if (await db('sent_emails').where({ key }).first()) return;
      const referral = await db('referrals as r').join('organisations as o', 'o.id', 'r.organisation_id').where('r.id', referralId).first('r.form_data', 'o.name as employer');
      const email = (referral?.formData?.employeeEmail as string | undefined)?.trim();
      if (!referral || !email) throw ApplicationFailure.nonRetryable('The referral has no employee email address', 'NoEmployeeEmail');
      const token = generateToken();
      await db('employee_links')
        .insert({ id: linkId, referralId, purpose: 'consent', tokenHash: hashToken(token), expiresAt: new Date(expiresAt) })
        .onConflict('id')
        .merge(['tokenHash', 'expiresAt']);
      const name = [referral.formData.employeeFirstName, referral.formData.employeeSurname].filter(Boolean).join(' ');
      const days = Math.max(1, Math.round((expiresAt - Date.now()) / 86_400_000));
      await mailer.send(email, employeeEmailTemplates.consent({ employeeName: name, employer: referral.employer, url: `${publicUrl}/employee/consent?token=${token}`, validFor: `${days} day${days === 1 ? '' : 's'}` }));
      await db('sent_emails').insert({ key, template: 'employee-consent' }).onConflict('key').ignore();
    },
  };
}
