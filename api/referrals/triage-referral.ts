import { Referral } from '../../db/models/referral.ts';
import { AppError } from '../../domain/errors.ts';
import { refusalOf } from '../../domain/referral-transitions.ts';
import type { RejectionCategory } from '../../domain/rejection.ts';
import type { AcceptStatus } from '../../domain/statuses.ts';
import { acceptUpdate, rejectUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

/** A clinician accepts a referral pending triage: it becomes a numbered, open case. */
export async function acceptReferral(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  status: AcceptStatus,
  ip?: string | null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const state = await runReferralStep(deps, referral, 'triage', acceptUpdate, { clinicianId: auth.user.id, status });
  await auditBy(deps, auth, ip)('referral.accepted', { referral: referralId });
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
  // The stage narrows the workflow's rule: at triage only a referral pending triage, at approval only one awaiting it.
  const refusal = refusalOf(stage === 'triage' ? 'triage' : 'approve', referral.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
  const rejection = (values: { rejectionCategory: RejectionCategory | null; rejectionReason: string | null }) => () =>
    Referral.query(deps.db).findById(referralId).whereNot({ status: 'rejected' }).patch(values);
  const state = await runReferralStep(
    deps,
    referral,
    'reject',
    rejectUpdate,
    { actorId: auth.user.id },
    {
      store: rejection({ rejectionCategory: category, rejectionReason: reason }),
      undo: rejection({ rejectionCategory: null, rejectionReason: null }),
    },
  );
  // The category is an enum, safe to keep; the free-text reason never goes in the audit log.
  await auditBy(deps, auth, ip)('referral.rejected', { referral: referralId }, { stage, category });
  return state;
}
