import { Referral } from '../../db/models/referral.ts';
import { AppError } from '../../domain/errors.ts';
import { pickFormFields } from '../../domain/forms.ts';
import { draftSavedSignal } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { listColumnsFrom } from './create-referral-draft.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { signalReferral } from '../temporal-edge.ts';

const NOT_EDITABLE = 'This referral has been submitted and can no longer be edited.';

/** Saves a draft's form data (autosave and "Save For Later") and restarts its retention clock. */
export async function saveReferralDraft(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  formData: Record<string, unknown>,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.status !== 'draft') throw new AppError('INVALID_STATE', NOT_EDITABLE);
  const data = pickFormFields(referral.formType.definition, formData);
  const savedAt = new Date();
  await Referral.query(deps.db)
    .findById(referralId)
    .where({ status: 'draft' })
    .patch({ formData: data, ...listColumnsFrom(data), lastSavedAt: savedAt, updatedAt: savedAt });
  await signalReferral(deps, referralId, draftSavedSignal, { at: savedAt.getTime() }, NOT_EDITABLE);
  return { savedAt: savedAt.toISOString() };
}
