import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../../services/audit.ts';
import { closeUpdate, deleteUpdate, reReferUpdate } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { createReferralDraft } from './create-referral-draft.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { updateReferral } from './workflow-client.ts';

/**
 * Re-Refer. A rejected referral goes back to its author as an editable draft
 * (same workflow); a closed case starts a new referral on the same form with
 * the employee's details (step 02) filled in, linked to the closed one.
 */
export async function reRefer(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null): Promise<{ id: string }> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.status === 'rejected') {
    if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', 'Only the author of a rejected referral can re-refer it.');
    await updateReferral(deps.temporal, referralId, reReferUpdate, { actorId: auth.user.id });
    await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.re_referred', targetType: 'referral', targetId: referralId, ip });
    return { id: referralId };
  }
  if (referral.status !== 'closed') throw new AppError('INVALID_STATE', 'Only a rejected referral or a closed case can be re-referred.');
  const employeeStep = referral.definition.steps.find((s) => s.key === 'employee');
  const employee = Object.fromEntries((employeeStep?.fields ?? []).map((f) => [f.name, referral.formData[f.name] ?? '']));
  const created = await createReferralDraft(deps, auth, { formKey: referral.formKey, formData: employee, ip, previousReferralId: referralId });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.re_referred_from_closed', targetType: 'referral', targetId: created.id, detail: { previousReferralId: referralId }, ip });
  return created;
}

/** The author deletes a draft or a rejected referral, with its documents, at once. */
export async function discardReferral(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null): Promise<void> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', 'Only the author can delete this referral.');
  await updateReferral(deps.temporal, referralId, deleteUpdate, { actorId: auth.user.id });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.deleted_by_author', targetType: 'referral', targetId: referralId, ip });
}

/**
 * Closes a case with its outcome and an optional recall date. The outcome is
 * stored first; if the workflow refuses (the case is not open), it is taken back.
 */
export async function closeCase(deps: AppDeps, auth: AuthContext, referralId: string, input: { outcome: string; recallDate?: string | undefined }, ip: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  await deps.db('referrals').where({ id: referralId }).update({ outcome: input.outcome, recallDate: input.recallDate ?? null });
  try {
    const state = await updateReferral(deps.temporal, referralId, closeUpdate, { clinicianId: auth.user.id });
    await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'case.closed', targetType: 'referral', targetId: referralId, ip });
    return state;
  } catch (error) {
    await deps.db('referrals').where({ id: referralId }).whereNot({ status: 'closed' }).update({ outcome: referral.outcome, recallDate: referral.recallDate });
    throw error;
  }
}
