import { AppError } from '../../domain/errors.ts';
import { refusalOf } from '../../domain/referral-transitions.ts';
import type { AcceptStatus } from '../../domain/statuses.ts';
import { recordAudit } from '../../services/audit.ts';
import { acceptUpdate, rejectUpdate } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from './workflow-client.ts';

/** A clinician accepts a referral pending triage: it becomes a numbered, open case. */
export async function acceptReferral(deps: AppDeps, auth: AuthContext, referralId: string, status: AcceptStatus, ip?: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const state = await runReferralStep(deps, referral, 'triage', acceptUpdate, { clinicianId: auth.user.id, status });
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
  // The stage narrows the workflow's rule: at triage only a referral pending triage, at approval only one awaiting it.
  const refusal = refusalOf(stage === 'triage' ? 'triage' : 'approve', referral.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
  const state = await runReferralStep(deps, referral, 'reject', rejectUpdate, { actorId: auth.user.id }, {
    store: () => deps.db('referrals').where({ id: referralId }).update({ rejectionReason: reason }),
    undo: () => deps.db('referrals').where({ id: referralId }).whereNot({ status: 'rejected' }).update({ rejectionReason: null }),
  });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.rejected', targetType: 'referral', targetId: referralId, ip });
  return state;
}
