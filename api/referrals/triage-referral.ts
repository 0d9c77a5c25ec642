import { AppError } from '../../domain/errors.ts';
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

/**
 * Rejects a referral with a reason. The reason is free text, so it is stored
 * first and the workflow is told only that it happened; if the workflow refuses,
 * the stored reason is taken back so nothing partial remains.
 */
export async function rejectReferral(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  reason: string,
  ip?: string | null,
  /** Who may reject at this stage: a clinician at triage, the author's manager at approval. */
  stage: 'triage' | 'approval' = 'triage',
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const expected = stage === 'triage' ? 'pending_triage' : 'awaiting_approval';
  if (referral.status !== expected) {
    throw new AppError('INVALID_STATE', stage === 'triage' ? 'Only a referral pending triage can be rejected here.' : 'This referral is no longer awaiting approval.');
  }
  await deps.db('referrals').where({ id: referralId }).update({ rejectionReason: reason });
  try {
    const state = await updateReferral(deps.temporal, referralId, rejectUpdate, { actorId: auth.user.id });
    await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.rejected', targetType: 'referral', targetId: referralId, ip });
    return state;
  } catch (error) {
    await deps.db('referrals').where({ id: referralId }).whereNot({ status: 'rejected' }).update({ rejectionReason: null });
    throw error;
  }
}
