import { EmployeeLink } from '../../db/models/employee-link.ts';
import { Referral } from '../../db/models/referral.ts';
import { findLiveEmployeeLink } from '../../db/queries/employee-links.ts';
import { AppError } from '../../domain/errors.ts';
import { refusalOf } from '../../domain/referral-transitions.ts';
import type { CaseStatus } from '../../domain/statuses.ts';
import { auditLog } from '../../services/audit.ts';
import { hashToken } from '../../services/tokens.ts';
import { recordConsentUpdate, requestConsentUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

const DECLINED_OUTCOME = 'Employee declined consent';
const LINK_UNUSABLE =
  'This link has expired or has already been used. Contact the occupational health provider if you still need to respond.';

/** The clinician asks the employee for consent through an emailed link. */
export async function requestConsent(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const refusal = refusalOf('requestConsent', referral.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
  if (!referral.formData.employeeEmail?.trim()) {
    throw new AppError(
      'BAD_REQUEST',
      'The referral has no email address for the employee, so ask them directly and record their answer.',
    );
  }
  const state = await runReferralStep(deps, referral, 'requestConsent', requestConsentUpdate, {
    clinicianId: auth.user.id,
  });
  await auditBy(deps, auth, ip)('case.consent_requested', { referral: referralId });
  return state;
}

/**
 * Records the employee's answer. A refusal closes the case, so its outcome is
 * stored first and taken back if the workflow refuses.
 */
function record(
  deps: AppDeps,
  referral: { id: string; status: CaseStatus },
  decision: 'given' | 'declined',
  by: 'employee' | 'clinician',
  actorId: string | null,
) {
  const outcome = (value: string | null) => () =>
    Referral.query(deps.db).findById(referral.id).whereNot({ status: 'closed' }).patch({ outcome: value });
  return runReferralStep(
    deps,
    referral,
    'recordConsent',
    recordConsentUpdate,
    { decision, by, actorId },
    decision === 'declined' ? { store: outcome(DECLINED_OUTCOME), undo: outcome(null) } : undefined,
  );
}

export async function recordConsentByClinician(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  decision: 'given' | 'declined',
  ip: string | null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const state = await record(deps, referral, decision, 'clinician', auth.user.id);
  await auditBy(deps, auth, ip)(`case.consent_${decision}`, { referral: referralId }, { by: 'clinician' });
  return state;
}

async function liveLink(deps: AppDeps, token: string) {
  const link = await findLiveEmployeeLink(deps.db, hashToken(token), 'consent');
  if (link?.status !== 'awaiting_employee_consent') throw new AppError('BAD_REQUEST', LINK_UNUSABLE);
  return link;
}

/** What the employee's consent page shows: who referred them, nothing of the referral's content. */
export async function describeConsentRequest(deps: AppDeps, token: string, ip: string | null) {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const link = await liveLink(deps, token);
  return { employer: link.employer };
}

/** The employee answers through their link, which then stops working. */
export async function respondToConsent(
  deps: AppDeps,
  token: string,
  decision: 'given' | 'declined',
  ip: string | null,
): Promise<void> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const link = await liveLink(deps, token);
  // The workflow decides first: if the case no longer waits for consent, the link stays as it was.
  await record(deps, { id: link.referralId, status: link.status }, decision, 'employee', null);
  await EmployeeLink.query(deps.db).findById(link.id).whereNull('usedAt').patch({ usedAt: new Date() });
  // Nobody signed in: the employee acts through their link.
  await auditLog(deps.db, { actorId: null, organisationId: null, ip })(
    `case.consent_${decision}`,
    { referral: link.referralId },
    { by: 'employee' },
  );
}
