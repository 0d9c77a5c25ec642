import { isUuid } from '../../domain/ids.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { recordAudit } from '../../services/audit.ts';
import { updateSession } from '../../services/sessions.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { INVALID_CODE } from './register.ts';

/** The organisations the user belongs to (shared services), for the header switcher. */
export async function listMemberships(deps: AppDeps, auth: AuthContext) {
  const rows = await deps.db('memberships as m').join('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.user_id', auth.user.id).orderBy('o.name').select('o.id', 'o.name', 'm.status');
  return rows.map((r: { id: string; name: string; status: string }) => ({ ...r, current: r.id === auth.organisation.id }));
}

/** Switches the session to another organisation the user is an active member of. */
export async function switchOrganisation(deps: AppDeps, auth: AuthContext, organisationId: string, ip: string | null): Promise<void> {
  const membership = await deps.db('memberships').where({ userId: auth.user.id, organisationId, status: 'active' }).first('id');
  if (!membership) throw notFound('That organisation');
  await updateSession(deps.db, auth.sessionToken, { organisationId });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId, action: 'auth.organisation_switched', detail: { from: auth.organisation.id }, ip });
}

/** Asks to join another organisation with its verification code; its user admin decides. */
export async function requestMembership(
  deps: AppDeps,
  auth: AuthContext,
  input: { verificationCode: string; managerId: string; locationId: string },
  ip: string | null,
): Promise<{ organisation: string }> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const org = await deps.db('organisations').where({ verificationCode: input.verificationCode.trim() }).first('id', 'name');
  if (!org) throw new AppError('BAD_REQUEST', INVALID_CODE, { verificationCode: INVALID_CODE });
  if (await deps.db('memberships').where({ userId: auth.user.id, organisationId: org.id }).first('id')) {
    throw new AppError('CONFLICT', `You already belong to, or have asked to join, ${org.name}.`);
  }
  const manager = isUuid(input.managerId) && (await deps.db('memberships').where({ organisationId: org.id, userId: input.managerId, status: 'active' }).first('id'));
  const location = isUuid(input.locationId) && (await deps.db('locations').where({ organisationId: org.id, id: input.locationId }).first('id'));
  const errors: Record<string, string> = {};
  if (!manager) errors.managerId = 'Select your manager from the list';
  if (!location) errors.locationId = 'Select your location from the list';
  if (Object.keys(errors).length) throw new AppError('BAD_REQUEST', 'Choose your manager and location.', errors);
  await deps.db('memberships').insert({ userId: auth.user.id, organisationId: org.id, managerId: input.managerId, locationId: input.locationId, permissions: ['referrer'], status: 'pending' });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: org.id, action: 'membership.requested', targetType: 'user', targetId: auth.user.id, ip });
  return { organisation: org.name };
}

/** Requests to join the admin's organisation, for its user admin to approve. */
export async function listMembershipRequests(deps: AppDeps, auth: AuthContext) {
  return deps.db('memberships as m').join('users as u', 'u.id', 'm.user_id')
    .where({ 'm.organisation_id': auth.organisation.id, 'm.status': 'pending' }).orderBy('m.created_at')
    .select('m.id', 'u.first_name', 'u.surname', 'u.username', 'u.job_title', 'm.created_at as requested_at') as Promise<
      { id: string; firstName: string; surname: string; username: string; jobTitle: string | null; requestedAt: Date }[]
    >;
}

export async function approveMembershipRequest(deps: AppDeps, auth: AuthContext, membershipId: string, ip: string | null): Promise<void> {
  const updated = await deps.db('memberships').where({ id: membershipId, organisationId: auth.organisation.id, status: 'pending' }).update({ status: 'active', updatedAt: new Date() }).returning('userId');
  if (updated.length !== 1) throw notFound('That request');
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'membership.approved', targetType: 'user', targetId: updated[0].userId, ip });
}
