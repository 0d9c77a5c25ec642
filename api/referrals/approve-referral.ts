import { Membership } from '../../db/models/membership.ts';
import { AppError } from '../../domain/errors.ts';
import { WHO_REFUSALS } from '../../domain/referral-transitions.ts';
import { approveUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

/** Whether the user is the manager of the referral's author, the one who approves it. */
export async function isAuthorsManager(
  deps: AppDeps,
  auth: AuthContext,
  referral: { authorId: string; organisationId: string },
): Promise<boolean> {
  const membership = await Membership.query(deps.db)
    .findOne({ userId: referral.authorId, organisationId: referral.organisationId })
    .select('managerId');
  return membership?.managerId === auth.user.id;
}

/** The author's manager lets a referral go on to the provider. */
export async function approveReferral(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!(await isAuthorsManager(deps, auth, referral))) throw new AppError('FORBIDDEN', WHO_REFUSALS.approve);
  const state = await runReferralStep(deps, referral, 'approve', approveUpdate, { approverId: auth.user.id });
  await auditBy(deps, auth, ip)('referral.approved', { referral: referralId });
  return state;
}
