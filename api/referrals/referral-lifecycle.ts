import { Referral } from '../../db/models/referral.ts';
import { AppError } from '../../domain/errors.ts';
import { refusalOf, WHO_REFUSALS } from '../../domain/referral-transitions.ts';
import { closeUpdate, deleteUpdate, reReferUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { createReferralDraft } from './create-referral-draft.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

/**
 * Re-Refer. A rejected referral goes back to its author as an editable draft
 * (same workflow); a closed case starts a new referral on the same form with
 * the employee's details (step 02) filled in, linked to the closed one.
 */
export async function reRefer(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  ip: string | null,
): Promise<{ id: string }> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.status === 'rejected') {
    if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', WHO_REFUSALS.reReferRejected);
    await runReferralStep(deps, referral, 'reRefer', reReferUpdate, { actorId: auth.user.id });
    await auditBy(deps, auth, ip)('referral.re_referred', { referral: referralId });
    return { id: referralId };
  }
  const refusal = refusalOf('reRefer', referral.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
  const employeeStep = referral.formType.definition.steps.find((s) => s.key === 'employee');
  const employee = Object.fromEntries(
    (employeeStep?.fields ?? []).map((f) => [f.name, referral.formData[f.name] ?? '']),
  );
  const created = await createReferralDraft(deps, auth, {
    formKey: referral.formType.key,
    formData: employee,
    ip,
    previousReferralId: referralId,
  });
  await auditBy(deps, auth, ip)(
    'referral.re_referred_from_closed',
    { referral: created.id },
    { previousReferralId: referralId },
  );
  return created;
}

/** The author deletes a draft or a rejected referral, with its documents, at once. */
export async function discardReferral(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  ip: string | null,
): Promise<void> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.authorId !== auth.user.id) throw new AppError('FORBIDDEN', WHO_REFUSALS.delete);
  await runReferralStep(deps, referral, 'delete', deleteUpdate, { actorId: auth.user.id });
  await auditBy(deps, auth, ip)('referral.deleted_by_author', { referral: referralId });
}

/**
 * Closes a case with its outcome and an optional recall date. The outcome is
 * stored first; if the workflow refuses (the case is not open), it is taken back.
 */
export async function closeCase(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  input: { outcome: string; recallDate?: string | undefined },
  ip: string | null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const state = await runReferralStep(
    deps,
    referral,
    'close',
    closeUpdate,
    { clinicianId: auth.user.id },
    {
      store: () =>
        Referral.query(deps.db)
          .findById(referralId)
          .patch({ outcome: input.outcome, recallDate: input.recallDate ?? null }),
      undo: () =>
        Referral.query(deps.db)
          .findById(referralId)
          .whereNot({ status: 'closed' })
          .patch({ outcome: referral.outcome, recallDate: referral.recallDate }),
    },
  );
  await auditBy(deps, auth, ip)('case.closed', { referral: referralId });
  return state;
}
