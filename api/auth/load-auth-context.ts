import type { Knex } from 'knex';
import { type ActiveMember, findActiveMember } from '../../db/queries/memberships.ts';
import { can } from '../../domain/permissions.ts';
import type { AuthContext } from '../context.ts';

type SessionOf = { userId: string; organisationId: string; token: string; expiresAt: Date };

/**
 * Who a user is within one organisation: profile, membership and what they may
 * do. Null when the account or membership is not active.
 */
export async function loadAuthContext(db: Knex, session: SessionOf): Promise<AuthContext | null> {
  const member = await findActiveMember(db, session.userId, session.organisationId);
  return member ? authContextOf(member, session) : null;
}

/** The AuthContext of an active member already loaded (with the session, in one query). */
export function authContextOf(member: ActiveMember, session: Pick<SessionOf, 'token' | 'expiresAt'>): AuthContext {
  const { user, membership, organisation: org } = member;
  const { permissions } = membership;
  const actor = { userId: user.id, organisationId: org.id, isProvider: org.isProvider, permissions };
  return {
    sessionToken: session.token,
    sessionExpiresAt: session.expiresAt,
    user: {
      id: user.id,
      username: user.username,
      title: user.title,
      firstName: user.firstName,
      surname: user.surname,
      email: user.email,
      jobTitle: user.jobTitle,
      telephone: user.telephone,
      workAddress: user.workAddress,
      workPostcode: user.workPostcode,
    },
    organisation: {
      id: org.id,
      code: org.code,
      name: org.name,
      isProvider: org.isProvider,
      myAccountEnabled: org.myAccountEnabled,
      requiresTwoFactor: org.requiresTwoFactor,
    },
    membership: {
      locationId: membership.locationId,
      divisionId: membership.divisionId,
      departmentId: membership.departmentId,
      permissions,
    },
    actor,
    viewer: {
      userId: user.id,
      organisationId: org.id,
      seesAllSubmitted: can(actor, 'triage.work'),
      visibleOwnerIds: member.visibleOwnerIds,
    },
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorSetupRequired: org.requiresTwoFactor && !user.twoFactorEnabled,
  };
}
