import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { AdviceLetter } from '../db/models/advice-letter.ts';
import { CaseAction } from '../db/models/case-action.ts';
import { Membership } from '../db/models/membership.ts';
import { Referral } from '../db/models/referral.ts';
import { User } from '../db/models/user.ts';
import { appendStatusEvent } from '../db/queries/case-events.ts';
import { takeCaseNumber } from '../db/queries/case-numbers.ts';
import { markSent, wasSent } from '../db/queries/sent-emails.ts';
import { sharersToNotify } from '../db/queries/shares.ts';
import { referenceOf } from '../domain/ids.ts';
import { isRejectionCategory } from '../domain/rejection.ts';
import { CASE_STATUSES } from '../domain/statuses.ts';
import { auditLog } from '../services/audit.ts';
import { emailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { tellEmployeeOfAppointment } from './employee.activities.ts';
import type { RecordStatusInput, SendReferralEmailInput } from './types.ts';

export type ActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

const TIMESTAMP_FOR: Partial<Record<string, 'submittedAt' | 'rejectedAt' | 'closedAt'>> = {
  awaiting_approval: 'submittedAt',
  pending_triage: 'submittedAt',
  rejected: 'rejectedAt',
  closed: 'closedAt',
};

/**
 * Thin, idempotent writes of what the referral workflow decided. Each is keyed
 * (event key, sent-email key, "case number is null") so a retry changes nothing twice.
 */
export function referralActivities({ db, mailer, publicUrl }: ActivityDeps) {
  async function loadReferral(trx: Knex, referralId: string) {
    const referral = await Referral.query(trx).findById(referralId);
    // The records are gone (deleted elsewhere): retrying cannot help.
    if (!referral) throw ApplicationFailure.nonRetryable(`Referral ${referralId} does not exist`, 'ReferralMissing');
    return referral;
  }

  /** The owner (or approver) and the sharers who asked for copies, once per event key. */
  async function emailUsers(input: SendReferralEmailInput): Promise<void> {
    if (await wasSent(db, input.eventKey)) return;
    const referral = await loadReferral(db, input.referralId);
    const form = await referral.$relatedQuery('formType', db).select('name');
    let recipientIds: string[];
    if (input.template === 'approval-needed') {
      const membership = await Membership.query(db)
        .findOne({ userId: referral.authorId, organisationId: referral.organisationId })
        .select('managerId');
      recipientIds = membership?.managerId ? [membership.managerId] : [];
    } else {
      recipientIds = [referral.ownerId, ...(await sharersToNotify(db, referral.organisationId, referral.ownerId))];
    }
    const users = await User.query(db)
      .whereIn('id', recipientIds)
      .whereNot('status', 'disabled')
      .select('id', 'email', 'firstName', 'surname');
    const path =
      input.template === 'approval-needed'
        ? '/approvals'
        : input.template === 'referral-rejected'
          ? '/referrals/saved'
          : `/cases/${referral.id}`;
    const action = input.actionId
      ? await CaseAction.query(db).findById(input.actionId).select('scheduledAt', 'kind', 'rebookedFromId')
      : undefined;
    // An evidence request is no appointment: the case's status tells the referrer of it.
    if (action?.kind === 'evidence' && input.template.startsWith('appointment-')) {
      await markSent(db, { key: input.eventKey, template: input.template, recipientUserId: referral.ownerId });
      return;
    }
    // A rebooking is the same appointment moved, as the employee is told too.
    const template =
      input.template === 'appointment-booked' && action?.rebookedFromId ? 'appointment-changed' : input.template;
    const when = action
      ? new Date(action.scheduledAt).toLocaleString('en-GB', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/London',
        })
      : undefined;
    // The workflow says only that it was rejected; why (the category and the reason's words) is in PostgreSQL.
    const rejected = input.template === 'referral-rejected';
    const category =
      rejected && isRejectionCategory(referral.rejectionCategory) ? referral.rejectionCategory : undefined;
    const reason = rejected ? referral.rejectionReason?.trim() : undefined;
    for (const user of users) {
      const email = emailTemplates[template]({
        ...(when ? { when } : {}),
        ...(category ? { rejectionCategory: category } : {}),
        ...(reason ? { rejectionReason: reason } : {}),
        recipientName: user.fullName,
        formName: form?.name ?? 'Referral',
        reference: referral.caseNumber ?? `reference ${referenceOf(String(referral.id))}`,
        url: `${publicUrl}${path}`,
      });
      await mailer.send(user.email, email);
    }
    // At-least-once: recorded after sending, so a crash in between resends rather than loses.
    await markSent(db, { key: input.eventKey, template, recipientUserId: referral.ownerId });
  }

  const activities = {
    async recordStatus(input: RecordStatusInput): Promise<void> {
      await db.transaction(async (trx) => {
        const at = new Date(input.at);
        const { referralId, eventKey, status, actorId } = input;
        if (!(await appendStatusEvent(trx, { referralId, eventKey, status, actorId, at }))) return;
        await loadReferral(trx, referralId);
        const stamp = TIMESTAMP_FOR[status];
        await Referral.query(trx)
          .findById(referralId)
          .patch({ status, updatedAt: new Date(), ...(stamp ? { [stamp]: at } : {}) });
        // acceptedAt records the first time the case opened, not later status changes.
        if (!stamp && CASE_STATUSES[status].tab === 'open') {
          await Referral.query(trx).findById(referralId).whereNull('acceptedAt').patch({ acceptedAt: at });
        }
      });
    },

    /** The next number in the organisation's sequence, once per referral. */
    async assignCaseNumber({ referralId }: { referralId: string }): Promise<string> {
      return db.transaction(async (trx) => {
        const referral = await loadReferral(trx, referralId);
        if (referral.caseNumber) return referral.caseNumber;
        const caseNumber = await takeCaseNumber(trx, referral.organisationId);
        await Referral.query(trx).findById(referralId).patch({ caseNumber });
        return caseNumber;
      });
    },

    /**
     * Emails the owner (or approver) and the sharers who asked for copies; of an appointment booked or
     * rebooked, the employee too, under a key of their own, so a retry sends neither twice.
     */
    async sendReferralEmail(input: SendReferralEmailInput): Promise<void> {
      await emailUsers(input);
      if (input.template === 'appointment-booked' && input.actionId) {
        const { referralId, actionId } = input;
        await tellEmployeeOfAppointment(
          { db, mailer },
          { referralId, actionId, event: 'booked', key: `${input.eventKey}:employee` },
        );
      }
    },

    /** Makes an issued letter visible to the referrer and emails the owner and sharers. */
    async releaseLetter({
      referralId,
      letterId,
      eventKey,
    }: {
      referralId: string;
      letterId: string;
      eventKey: string;
    }): Promise<void> {
      await AdviceLetter.query(db)
        .patch({ releasedAt: new Date() })
        .where({ id: letterId, referralId })
        .whereNull('releasedAt');
      await activities.sendReferralEmail({ referralId, template: 'advice-letter-available', eventKey });
    },

    /** Whether the referral's row was written: a new run checks, since the API writes it after starting the run. */
    async referralExists({ referralId }: { referralId: string }): Promise<boolean> {
      return (await Referral.query(db).findById(referralId).select('id')) !== undefined;
    },

    /** Retention: the referral and everything hanging off it goes. */
    async deleteReferral({ referralId }: { referralId: string }): Promise<void> {
      const referral = await Referral.query(db).findById(referralId).select('organisationId', 'status');
      if (!referral) return;
      await db.transaction(async (trx) => {
        await Referral.query(trx).deleteById(referralId);
        const audit = auditLog(trx, { actorId: null, organisationId: referral.organisationId });
        await audit('referral.deleted_by_retention', { referral: referralId }, { status: referral.status });
      });
    },
  };
  return activities;
}
