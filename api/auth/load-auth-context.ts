import type { Knex } from 'knex';
import { can, type Permission } from '../../domain/permissions.ts';
import type { AuthContext } from '../context.ts';

/**
 * Who a user is within one organisation: profile, membership and what they may
 * do. Null when the account or membership is not active.
 */
export async function loadAuthContext(
  db: Knex,
  session: { userId: string; organisationId: string; token: string; expiresAt: Date },
): Promise<AuthContext | null> {
  const row = await db('users as u')
    .join('memberships as m', 'm.user_id', 'u.id')
    .join('organisations as o', 'o.id', 'm.organisation_id')
    .where({ 'u.id': session.userId, 'm.organisation_id': session.organisationId, 'u.status': 'active', 'm.status': 'active' })
    .first(
      'u.id', 'u.username', 'u.title', 'u.first_name', 'u.surname', 'u.email', 'u.job_title', 'u.telephone',
      'u.work_address', 'u.work_postcode', 'm.location_id', 'm.division_id', 'm.department_id', 'm.permissions',
      'o.id as org_id', 'o.code as org_code', 'o.name as org_name', 'o.is_provider', 'o.my_account_enabled',
      'o.requires_two_factor', 'u.two_factor_enabled',
    );
  if (!row) return null;
  const permissions = row.permissions as Permission[];
  const actor = { userId: row.id, organisationId: row.orgId, isProvider: row.isProvider, permissions };
  return {
    sessionToken: session.token,
    sessionExpiresAt: session.expiresAt,
    user: {
      id: row.id, username: row.username, title: row.title, firstName: row.firstName, surname: row.surname,
      email: row.email, jobTitle: row.jobTitle, telephone: row.telephone, workAddress: row.workAddress, workPostcode: row.workPostcode,
    },
    organisation: { id: row.orgId, code: row.orgCode, name: row.orgName, isProvider: row.isProvider, myAccountEnabled: row.myAccountEnabled, requiresTwoFactor: row.requiresTwoFactor },
    membership: { locationId: row.locationId, divisionId: row.divisionId, departmentId: row.departmentId, permissions },
    actor,
    viewer: { userId: row.id, organisationId: row.orgId, seesAllSubmitted: can(actor, 'triage.work') },
    twoFactorEnabled: row.twoFactorEnabled,
    twoFactorSetupRequired: row.requiresTwoFactor && !row.twoFactorEnabled,
  };
}
