import { WithStartWorkflowOperation } from '@temporalio/client';
import { AppError } from '../../domain/errors.ts';
import { validateForm } from '../../domain/forms.ts';
import { recordAudit } from '../../services/audit.ts';
import { SA, workflowId } from '../../temporal.config.ts';
import { REFERRAL_WORKFLOW_TYPE, submitUpdate, type ReferralWorkflowInput } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { asInvalidState } from './workflow-client.ts';

/**
 * Submits a complete referral. Idempotent: submitting twice reaches the one
 * workflow, which answers the second call with the first call's result; if the
 * workflow is somehow missing, update-with-start creates it.
 */
export async function submitReferral(deps: AppDeps, auth: AuthContext, referralId: string, ip?: string | null) {
  const { db, temporal, settings } = deps;
  const referral = await loadVisibleReferral(db, auth.viewer, referralId);
  if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', 'Only the author of a referral can submit it.');
  if (referral.status === 'draft') {
    const errors = validateForm(referral.definition, referral.formData);
    if (Object.keys(errors).length > 0) {
      throw new AppError('BAD_REQUEST', 'Complete the referral before submitting it: some answers are missing or need correcting.', errors);
    }
  }
  const input: ReferralWorkflowInput = {
    referralId,
    organisationCode: referral.organisationCode,
    formKey: referral.formKey,
    requiresApproval: referral.requiresApproval,
    ...(settings.durations ? { durations: settings.durations } : {}),
  };
  try {
    const state = await temporal.workflow.executeUpdateWithStart(submitUpdate, {
      args: [{ actorId: auth.user.id }],
      startWorkflowOperation: new WithStartWorkflowOperation(REFERRAL_WORKFLOW_TYPE, {
        workflowId: workflowId.referral(referralId),
        taskQueue: settings.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: SA.CaseStatus, value: 'draft' },
          { key: SA.ReferralType, value: referral.formKey },
          { key: SA.OrganisationCode, value: referral.organisationCode },
        ],
      }),
    });
    await recordAudit(db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.submitted', targetType: 'referral', targetId: referralId, ip });
    return state;
  } catch (error) {
    throw asInvalidState(error) ?? error;
  }
}
