import { AppError } from '../../domain/errors.ts';
import { pickFormFields } from '../../domain/forms.ts';
import { workflowId } from '../../temporal.config.ts';
import { draftSavedSignal } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { listColumnsFrom } from './create-referral-draft.ts';
import { loadVisibleReferral } from './load-referral.ts';

/** Saves a draft's form data (autosave and "Save For Later") and restarts its retention clock. */
export async function saveReferralDraft(deps: AppDeps, auth: AuthContext, referralId: string, formData: Record<string, unknown>) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.status !== 'draft') throw new AppError('INVALID_STATE', 'This referral has been submitted and can no longer be edited.');
  const data = pickFormFields(referral.definition, formData);
  const savedAt = new Date();
  await deps.db('referrals')
    .where({ id: referralId, status: 'draft' })
    .update({ formData: JSON.stringify(data), ...listColumnsFrom(data), lastSavedAt: savedAt, updatedAt: savedAt });
  await deps.temporal.workflow.getHandle(workflowId.referral(referralId)).signal(draftSavedSignal, { at: savedAt.getTime() });
  return { savedAt: savedAt.toISOString() };
}
