import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { APPOINTMENT_TYPES } from '../domain/appointments.ts';
import { CaseAction } from '../db/models/case-action.ts';
import { EmployeeLink } from '../db/models/employee-link.ts';
import { Referral } from '../db/models/referral.ts';
import { markSent, wasSent } from '../db/queries/sent-emails.ts';
import { employeeEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type EmployeeActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

/** Emails to the referred employee, keyed so a retry never leaves two live links. */
export function employeeActivities({ db, mailer, publicUrl }: EmployeeActivityDeps) {
  return {
    sendConsentLink: (input: { referralId: string; linkId: string; expiresAt: number }) =>
      sendLink({ ...input, purpose: 'consent' }),
    sendLetterReviewLink: (input: { referralId: string; letterId: string; linkId: string; expiresAt: number }) =>
      sendLink({ ...input, purpose: 'letter-review' }),
    /** A cancelled (Canx) appointment; booked and rebooked ones go with the referrer's email (referral.activities.ts). */
    sendAppointmentCancelled: ({
      referralId,
      actionId,
      eventKey,
    }: {
      referralId: string;
      actionId: string;
      eventKey: string;
    }) =>
      tellEmployeeOfAppointment(
        { db, mailer },
        { referralId, actionId, event: 'cancelled', key: `${eventKey}:employee` },
      ),
  };

  async function sendLink({
    referralId,
    linkId,
    expiresAt,
    purpose,
    letterId,
  }: {
    referralId: string;
    linkId: string;
    expiresAt: number;
    purpose: 'consent' | 'letter-review';
    letterId?: string;
  }): Promise<void> {
    const key = `employee-link:${linkId}`;
    if (await wasSent(db, key)) return;
    const referral = await Referral.query(db)
      .findById(referralId)
      .select('id', 'formData', 'organisationId')
      .withGraphFetched('organisation(name)')
      .modifiers({ name: (q) => q.select('name') });
    const email = referral?.formData.employeeEmail?.trim();
    if (!referral?.organisation || !email)
      throw ApplicationFailure.nonRetryable('The referral has no employee email address', 'NoEmployeeEmail');
    const token = generateToken();
    await EmployeeLink.query(db)
      .insert({
        id: linkId,
        referralId,
        purpose,
        letterId: letterId ?? null,
        tokenHash: hashToken(token),
        expiresAt: new Date(expiresAt),
      })
      .onConflict('id')
      .merge(['tokenHash', 'expiresAt']);
    const name = [referral.formData.employeeFirstName, referral.formData.employeeSurname].filter(Boolean).join(' ');
    const days = Math.max(1, Math.round((expiresAt - Date.now()) / 86_400_000));
    const validFor = `${days} day${days === 1 ? '' : 's'}`;
    const message =
      purpose === 'consent'
        ? employeeEmailTemplates.consent({
            employeeName: name,
            employer: referral.organisation.name,
            url: `${publicUrl}/employee/consent?token=${token}`,
            validFor,
          })
        : employeeEmailTemplates.letterReview({
            employeeName: name,
            url: `${publicUrl}/employee/letter?token=${token}`,
            validFor,
          });
    await mailer.send(email, message);
    await markSent(db, { key, template: `employee-${purpose}` });
  }
}

const LONDON = { timeZone: 'Europe/London' } as const;

/**
 * Tells the employee of an appointment booked, moved (a rebooking) or cancelled: when, how and where,
 * never anything about their health. Only appointments, and only when the referral has the employee's
 * email address; keyed, so a retry sends nothing twice.
 */
export async function tellEmployeeOfAppointment(
  { db, mailer }: { db: Knex; mailer: Mailer },
  {
    referralId,
    actionId,
    event,
    key,
  }: { referralId: string; actionId: string; event: 'booked' | 'cancelled'; key: string },
): Promise<void> {
  if (await wasSent(db, key)) return;
  const action = await CaseAction.query(db).findOne({ id: actionId, referralId });
  if (action?.kind !== 'appointment') return;
  const referral = await Referral.query(db).findById(referralId).select('formData');
  const email = referral?.formData.employeeEmail?.trim();
  if (!referral || !email) return;
  const at = new Date(action.scheduledAt);
  const notice = event === 'cancelled' ? 'cancelled' : action.rebookedFromId ? 'moved' : 'booked';
  const message = employeeEmailTemplates.appointment({
    notice,
    employeeName: [referral.formData.employeeFirstName, referral.formData.employeeSurname].filter(Boolean).join(' '),
    date: at.toLocaleDateString('en-GB', { ...LONDON, day: 'numeric', month: 'long', year: 'numeric' }),
    time: at.toLocaleTimeString('en-GB', { ...LONDON, hour: '2-digit', minute: '2-digit' }),
    type: action.appointmentType,
    typeLabel: action.appointmentType ? APPOINTMENT_TYPES[action.appointmentType] : null,
    place: action.place,
  });
  await mailer.send(email, message);
  // At-least-once, as for every email: recorded after sending.
  await markSent(db, { key, template: `employee-appointment-${notice}` });
}
