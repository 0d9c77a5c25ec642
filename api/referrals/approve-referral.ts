import { AppError } from '../../domain/errors.ts';
import { WHO_REFUSALS } from '../../domain/referral-transitions.ts';
import { recordAudit } from '../../services/audit.ts';
import { approveUpdate } from '../../workflows/referral.messages.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

/** Whether the user is the manager of the referral's author, the one who approves it. */
export async function isAuthorsManager(deps: AppDeps, auth: AuthContext, referral: { authorId: string; organisationId: string }): Promise<boolean> {
  const membership = await deps.db('memberships').where({ userId: referral.authorId, organisationId: referral.organisationId }).first('managerId');
  return membership?.managerId === auth.user.id;
}

/** The author's manager lets a referral go on to the provider. */
export async function approveReferral(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!(await isAuthorsManager(deps, auth, referral))) throw new AppError('FORBIDDEN', WHO_REFUSALS.approve);
  const state = await runReferralStep(deps, referral, 'approve', approveUpdate, { approverId: auth.user.id });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.approved', targetType: 'referral', targetId: referralId, ip });
  return state;
}

/** The Approval Queue: referrals of the user's direct reports waiting for approval, oldest first. */
export async function listApprovalQueue(deps: AppDeps, auth: AuthContext) {
  const rows = await deps.db('referrals as r')
    .join('memberships as m', (j) => j.on('m.user_id', 'r.author_id').andOn('m.organisation_id', 'r.organisation_id'))
    .join('users as a', 'a.id', 'r.author_id')
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .where({ 'r.organisation_id': auth.organisation.id, 'r.status': 'awaiting_approval', 'm.manager_id': auth.user.id })
    .orderBy([{ column: 'r.submitted_at', order: 'asc' }, { column: 'r.id', order: 'asc' }])
    .limit(500)
    .select('r.id', 'r.employee_first_name', 'r.employee_surname', 'r.submitted_at', 'f.name as case_type', deps.db.raw("a.first_name || ' ' || a.surname as referrer"));
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    employee: [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' '),
    caseType: r.caseType as string,
    referrer: r.referrer as string,
    submittedAt: r.submittedAt ? new Date(r.submittedAt as string).toISOString() : null,
  }));
}
