import type { FormData } from '../../domain/forms.ts';
import { can } from '../../domain/permissions.ts';
import { allowedSteps } from '../../domain/referral-transitions.ts';
import { isRejectionCategory, rejectionCategoryLabel } from '../../domain/rejection.ts';
import { CASE_STATUSES } from '../../domain/statuses.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { isAuthorsManager } from './approve-referral.ts';
import { loadVisibleReferral, type LoadedReferral } from './load-referral.ts';

const isoOrNull = (at: Date | string | null | undefined) => (at ? new Date(at).toISOString() : null);

/** How this viewer stands to the referral; what that lets them do is decided in domain/referral-transitions.ts. */
async function allowedActions(deps: AppDeps, auth: AuthContext, r: LoadedReferral) {
  const isApprover = can(auth.actor, 'referral.approve');
  return allowedSteps(r, {
    isAuthor: r.authorId === auth.user.id,
    isAuthorsManager: isApprover && r.status === 'awaiting_approval' && (await isAuthorsManager(deps, auth, r)),
    isApprover,
    isClinician: can(auth.actor, 'triage.work'),
    isReferrer: can(auth.actor, 'referral.create'),
    isReassigner: can(auth.actor, 'cases.reassign'),
  });
}

/** The case page's header: who the case is about, from the answers the referrer gave. */
function employeeOf(data: FormData) {
  const given = (key: string) => data[key]?.trim() || null;
  const address = [given('employeeAddress'), given('employeePostcode')].filter(Boolean).join('\n');
  return {
    name:
      [given('employeeTitle'), given('employeeFirstName'), given('employeeSurname')].filter(Boolean).join(' ') || null,
    position: given('employeeJobTitle'),
    address: address || null,
    dateOfBirth: given('employeeDateOfBirth'),
  };
}

/** A case or draft as its viewer sees it; every read is audited. */
export async function getReferralDetail(deps: AppDeps, auth: AuthContext, referralId: string, ip?: string | null) {
  const r = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const owner = await r.$relatedQuery('owner', deps.db).select('firstName', 'surname');
  await auditBy(deps, auth, ip)('referral.viewed', { referral: referralId });
  const status = CASE_STATUSES[r.status];
  // Shown only while rejected: a re-referred draft keeps the columns until the next rejection overwrites them.
  const category = r.status === 'rejected' && isRejectionCategory(r.rejectionCategory) ? r.rejectionCategory : null;
  return {
    id: r.id,
    formKey: r.formType.key,
    formName: r.formType.name,
    status: r.status,
    statusLabel: status.label,
    statusExplanation: status.explanation,
    caseNumber: r.caseNumber,
    submittedAt: isoOrNull(r.submittedAt),
    lastSavedAt: new Date(r.lastSavedAt).toISOString(),
    owner: owner ? owner.fullName : '',
    employee: employeeOf(r.formData),
    isAuthor: r.authorId === auth.user.id,
    rejectionCategory: category,
    rejectionCategoryLabel: category ? rejectionCategoryLabel(category) : null,
    rejectionReason: r.status === 'rejected' ? (r.rejectionReason ?? null) : null,
    outcome: r.status === 'closed' ? (r.outcome ?? null) : null,
    recallDate: r.status === 'closed' ? r.recallDate : null,
    closedAt: isoOrNull(r.closedAt),
    allowed: await allowedActions(deps, auth, r),
    // A clinician writes notes on any accepted case, closed ones too.
    mayAddNote: can(auth.actor, 'triage.work') && r.caseNumber !== null,
    formData: r.formData,
    definition: r.formType.definition,
  };
}
