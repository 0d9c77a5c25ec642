import { Membership } from '../../db/models/membership.ts';
import {
  approvePendingMembership,
  hasMembership,
  listPendingMemberships,
  listUserMemberships,
} from '../../db/queries/memberships.ts';
import type { PageOptions } from '../../db/queries/keyset.ts';
import { findOrganisationByVerificationCode, isLocationOf } from '../../db/queries/organisations.ts';
import { isUuid } from '../../domain/ids.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { auditLog } from '../../services/audit.ts';
import { updateSession } from '../../services/sessions.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { INVALID_CODE } from './register.ts';

/** The organisations the user belongs to (shared services), for the header switcher. */
export async function listMemberships(deps: AppDeps, auth: AuthContext) {
  const rows = await listUserMemberships(deps.db, auth.user.id);
  return rows.map((r) => ({ ...r, current: r.id === auth.organisation.id }));
}

/** Switches the session to another organisation the user is an active member of. */
export async function switchOrganisation(
  deps: AppDeps,
  auth: AuthContext,
  organisationId: string,
  ip: string | null,
): Promise<void> {
  if (!(await hasMembership(deps.db, auth.user.id, organisationId, 'active'))) throw notFound('That organisation');
  await updateSession(deps.db, auth.sessionToken, { organisationId });
  // Recorded in the organisation switched to.
  await auditLog(deps.db, { actorId: auth.user.id, organisationId, ip })('auth.organisation_switched', undefined, {
    from: auth.organisation.id,
  });
}

/** Asks to join another organisation with its verification code; its user admin decides. */
export async function requestMembership(
  deps: AppDeps,
  auth: AuthContext,
  input: { verificationCode: string; managerId: string; locationId: string },
  ip: string | null,
): Promise<{ organisation: string }> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const org = await findOrganisationByVerificationCode(deps.db, input.verificationCode.trim());
  if (!org) throw new AppError('BAD_REQUEST', INVALID_CODE, { verificationCode: INVALID_CODE });
  if (await hasMembership(deps.db, auth.user.id, org.id)) {
    throw new AppError('CONFLICT', `You already belong to, or have asked to join, ${org.name}.`);
  }
  const manager = isUuid(input.managerId) && (await hasMembership(deps.db, input.managerId, org.id, 'active'));
  const location = isUuid(input.locationId) && (await isLocationOf(deps.db, org.id, input.locationId));
  const errors: Record<string, string> = {};
  if (!manager) errors.managerId = 'Select your manager from the list';
  if (!location) errors.locationId = 'Select your location from the list';
  if (Object.keys(errors).length) throw new AppError('BAD_REQUEST', 'Choose your manager and location.', errors);
  await Membership.query(deps.db).insert({
    userId: auth.user.id,
    organisationId: org.id,
    managerId: input.managerId,
    locationId: input.locationId,
    permissions: ['referrer'],
    status: 'pending',
  });
  // Recorded in the organisation asked, whose admin decides.
  await auditLog(deps.db, { actorId: auth.user.id, organisationId: org.id, ip })('membership.requested', {
    user: auth.user.id,
  });
  return { organisation: org.name };
}

/** Requests to join the admin's organisation, for its user admin to approve. */
export async function listMembershipRequests(deps: AppDeps, auth: AuthContext, page: PageOptions) {
  return listPendingMemberships(deps.db, auth.organisation.id, page);
}

export async function approveMembershipRequest(
  deps: AppDeps,
  auth: AuthContext,
  membershipId: string,
  ip: string | null,
): Promise<void> {
  const userId = await approvePendingMembership(deps.db, auth.organisation.id, membershipId);
  if (!userId) throw notFound('That request');
  await auditBy(deps, auth, ip)('membership.approved', { user: userId });
}
