import { CASE_STATUSES } from '../../domain/statuses.ts';
import { recordAudit } from '../../services/audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';

/** A case or draft as its viewer sees it; every read is audited. */
export async function getReferralDetail(deps: AppDeps, auth: AuthContext, referralId: string, ip?: string | null) {
  const r = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const owner = await deps.db('users').where({ id: r.ownerId }).first('firstName', 'surname');
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.viewed', targetType: 'referral', targetId: referralId, ip });
  const status = CASE_STATUSES[r.status];
  return {
    id: r.id,
    formKey: r.formKey,
    formName: r.formName,
    status: r.status,
    statusLabel: status.label,
    statusExplanation: status.explanation,
    caseNumber: r.caseNumber,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    lastSavedAt: new Date(r.lastSavedAt).toISOString(),
    owner: owner ? `${owner.firstName} ${owner.surname}` : '',
    isAuthor: r.authorId === auth.user.id,
    formData: r.formData,
    definition: r.definition,
  };
}
