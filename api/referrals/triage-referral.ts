import { AppError } from '../../domain/errors.ts';
import type { RejectionCategory } from '../../domain/rejection.ts';
import type { AcceptStatus } from '../../domain/statuses.ts';
import { recordAudit } from '../../services/audit.ts';
import { acceptUpdate, rejectUpdate } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { updateReferral } from './workflow-client.ts';

/** A clinician accepts a referral pending triage: it becomes a numbered, open case. */
export async function acceptReferral(deps: AppDeps, auth: AuthContext, referralId: string, status: AcceptStatus, ip?: string | null) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const state = await updateReferral(deps.temporal, referralId, acceptUpdate, { clinicianId: auth.user.id, status });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.accepted', targetType: 'referral', targetId: referralId, ip });
  return state;
}

export type Rejection = { category: RejectionCategory; reason: string };

/**
 * Rejects a referral with a category and a reason. Workflow payloads carry no text,
 * so both are stored first and the workflow is told only that it happened (its
 * email reads the category from here); if the workflow refuses, they are taken
 * back so nothing partial remains.
 */
export async function rejectReferral(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  { category, reason }: Rejection,
  ip?: string | null,
  /** Who may reject at this stage: a clinician at triage, the author's manager at approval. */
  stage: 'triage' | 'approval' = 'triage',
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const expected = stage === 'triage' ? 'pending_triage' : 'awaiting_approval';
  if (referral.status !== expected) {
    throw new AppError('INVALID_STATE', stage === 'triage' ? 'Only a referral pending triage can be rejected here.' : 'This referral is no longer awaiting approval.');
  }
  await deps.db('referrals').where({ id: referralId }).update({ rejectionCategory: category, rejectionReason: reason });
  try {
    const state = await updateReferral(deps.temporal, referralId, rejectUpdate, { actorId: auth.user.id });
    await recordAudit(deps.db, {
      actorId: auth.user.id,
      organisationId: auth.organisation.id,
      action: 'referral.rejected',
      targetType: 'referral',
      targetId: referralId,
      ip,
      // The category is an enum, safe to keep; the free-text reason never goes in the audit log.
      detail: { stage, category },
    });
    return state;
  } catch (error) {
    await deps.db('referrals')
      .where({ id: referralId })
      .whereNot({ status: 'rejected' })
      .update({ rejectionCategory: null, rejectionReason: null });
    throw error;
  }
}
