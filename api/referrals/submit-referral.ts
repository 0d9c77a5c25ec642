import { AppError } from '../../domain/errors.ts';
import { validateForm } from '../../domain/forms.ts';
import { WHO_REFUSALS } from '../../domain/referral-transitions.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { submitToWorkflow } from '../temporal-edge.ts';

/**
 * Submits a complete referral. Idempotent: submitting twice reaches the one
 * workflow, which answers the second call with the first call's result; if the
 * workflow is somehow missing, update-with-start creates it.
 */
export async function submitReferral(deps: AppDeps, auth: AuthContext, referralId: string, ip?: string | null) {
  const { db } = deps;
  const referral = await loadVisibleReferral(db, auth.viewer, referralId);
  if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', WHO_REFUSALS.submit);
  if (referral.status === 'draft') {
    const errors = validateForm(referral.formType.definition, referral.formData);
    if (Object.keys(errors).length > 0) {
      throw new AppError(
        'BAD_REQUEST',
        'Complete the referral before submitting it: some answers are missing or need correcting.',
        errors,
      );
    }
  }
  const state = await submitToWorkflow(
    deps,
    {
      referralId,
      organisationCode: referral.organisation.code,
      formKey: referral.formType.key,
      requiresApproval: referral.organisation.requiresApproval,
      status: referral.status,
    },
    auth.user.id,
  );
  await auditBy(deps, auth, ip)('referral.submitted', { referral: referralId });
  return state;
}
