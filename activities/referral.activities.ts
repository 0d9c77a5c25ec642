import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { referenceOf } from '../domain/ids.ts';
import { isRejectionCategory } from '../domain/rejection.ts';
import { CASE_STATUSES } from '../domain/statuses.ts';
import { recordAudit } from '../services/audit.ts';
import { emailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import type { RecordStatusInput, SendReferralEmailInput } from './types.ts';

export type ActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

const TIMESTAMP_FOR: Partial<Record<string, string>> = {
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
    const referral = await trx('referrals').where({ id: referralId }).first();
    // The records are gone (deleted elsewhere): retrying cannot help.
    if (!referral) throw ApplicationFailure.nonRetryable(`Referral ${referralId} does not exist`, 'ReferralMissing');
    return referral;
  }

  const activities = {
    async recordStatus(input: RecordStatusInput): Promise<void> {
      await db.transaction(async (trx) => {
        const inserted = await trx('case_events')
          .insert({ referralId: input.referralId, eventKey: input.eventKey, type: 'status', status: input.status, actorId: input.actorId, at: new Date(input.at) })
          .onConflict('eventKey')
          .ignore()
          .returning('id');
        if (inserted.length === 0) return;
        await loadReferral(trx, input.referralId);
        const at = new Date(input.at);
        const changes: Record<string, unknown> = { status: input.status, updatedAt: new Date() };
        const stamp = TIMESTAMP_FOR[input.status] ?? (CASE_STATUSES[input.status].tab === 'open' ? 'acceptedAt' : undefined);
        // acceptedAt records the first time the case opened, not later status changes.
        if (stamp === 'acceptedAt') changes.acceptedAt = trx.raw('coalesce(accepted_at, ?)', [at]);
        else if (stamp) changes[stamp] = at;
        await trx('referrals').where({ id: input.referralId }).update(changes);
      });
    },

    /** The next number in the organisation's sequence, once per referral. */
    async assignCaseNumber({ referralId }: { referralId: string }): Promise<string> {
      return db.transaction(async (trx) => {
        const referral = await loadReferral(trx, referralId);
        if (referral.caseNumber) return referral.caseNumber as string;
        const [org] = await trx('organisations')
          .where({ id: referral.organisationId })
          .increment('caseNumberSeq', 1)
          .returning(['caseNumberPrefix', 'caseNumberSeq']);
        const caseNumber = `${org.caseNumberPrefix}/${org.caseNumberSeq}`;
        await trx('referrals').where({ id: referralId }).update({ caseNumber });
        return caseNumber;
      });
    },

    /** Emails the owner (or approver) and the sharers who asked for copies. */
    async sendReferralEmail(input: SendReferralEmailInput): Promise<void> {
      const already = await db('sent_emails').where({ key: input.eventKey }).first();
      if (already) return;
      const referral = await loadReferral(db, input.referralId);
      const form = await db('form_types').where({ id: referral.formTypeId }).first('name');
      let recipientIds: string[];
      if (input.template === 'approval-needed') {
        const membership = await db('memberships').where({ userId: referral.authorId, organisationId: referral.organisationId }).first('managerId');
        recipientIds = membership?.managerId ? [membership.managerId] : [];
      } else {
        const sharers = await db('shares').where({ organisationId: referral.organisationId, ownerId: referral.ownerId, notify: true }).pluck('viewerId');
        recipientIds = [referral.ownerId, ...sharers];
      }
      const users = await db('users').whereIn('id', recipientIds).whereNot('status', 'disabled').select('id', 'email', 'firstName', 'surname');
      const path = input.template === 'approval-needed' ? '/approvals' : input.template === 'referral-rejected' ? '/referrals/saved' : `/cases/${referral.id}`;
      const action = input.actionId ? await db('case_actions').where({ id: input.actionId }).first('scheduledAt') : undefined;
      const when = action ? new Date(action.scheduledAt).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }) : undefined;
      // The workflow says only that it was rejected; why (the category, never the free text) is in PostgreSQL.
      const category =
        input.template === 'referral-rejected' && isRejectionCategory(referral.rejectionCategory) ? referral.rejectionCategory : undefined;
      for (const user of users) {
        const email = emailTemplates[input.template]({
          ...(when ? { when } : {}),
          ...(category ? { rejectionCategory: category } : {}),
          recipientName: `${user.firstName} ${user.surname}`,
          formName: form?.name ?? 'Referral',
          reference: referral.caseNumber ?? `reference ${referenceOf(String(referral.id))}`,
          url: `${publicUrl}${path}`,
        });
        await mailer.send(user.email, email);
      }
      // At-least-once: recorded after sending, so a crash in between resends rather than loses.
      await db('sent_emails').insert({ key: input.eventKey, template: input.template, recipientUserId: referral.ownerId }).onConflict('key').ignore();
    },

    /** Makes an issued letter visible to the referrer and emails the owner and sharers. */
    async releaseLetter({ referralId, letterId, eventKey }: { referralId: string; letterId: string; eventKey: string }): Promise<void> {
      await db('advice_letters').where({ id: letterId, referralId }).whereNull('releasedAt').update({ releasedAt: new Date() });
      await activities.sendReferralEmail({ referralId, template: 'advice-letter-available', eventKey });
    },

    /** Retention: the referral and everything hanging off it goes. */
    async deleteReferral({ referralId }: { referralId: string }): Promise<void> {
      const referral = await db('referrals').where({ id: referralId }).first('organisationId', 'status');
      if (!referral) return;
      await db.transaction(async (trx) => {
        await trx('referrals').where({ id: referralId }).delete();
        await recordAudit(trx, {
          actorId: null,
          organisationId: referral.organisationId,
          action: 'referral.deleted_by_retention',
          targetType: 'referral',
          targetId: referralId,
          detail: { status: referral.status },
        });
      });
    },
  };
  return activities;
}
