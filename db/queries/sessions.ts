import type { Knex } from 'knex';
import { Session } from '../models/session.ts';
import { type ActiveMember, activeMemberColumns, activeMemberOf } from './memberships.ts';

/** A session row; `id` is the hash of the cookie's token (services/sessions.ts makes both). */
export type SessionRow = {
  id: string;
  userId: string;
  organisationId: string;
  expiresAt: Date;
  twoFactorPending: boolean;
};

export async function insertSession(db: Knex, session: SessionRow): Promise<void> {
  await Session.query(db).insert(session);
}

export async function findSession(db: Knex, id: string): Promise<SessionRow | undefined> {
  return Session.query(db).findById(id).select('id', 'userId', 'organisationId', 'expiresAt', 'twoFactorPending');
}

/**
 * A session with who it is, in one round trip: the session row, and the active
 * user's active membership of the session's organisation with whose cases they see
 * (undefined when the account or membership is no longer active).
 */
export async function findSessionWithMember(
  db: Knex,
  id: string,
): Promise<{ session: SessionRow; member: ActiveMember | undefined } | undefined> {
  const row = await db('sessions as s')
    .leftJoin('users as u', (j) => j.on('u.id', 's.user_id').andOnVal('u.status', 'active'))
    .leftJoin('memberships as m', (j) =>
      j.on('m.user_id', 'u.id').andOn('m.organisation_id', 's.organisation_id').andOnVal('m.status', 'active'),
    )
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('s.id', id)
    // Every request runs this with the same text: a named statement is parsed and planned once per
    // connection instead of on every request (about a millisecond of planning, most of its server time).
    .options({ name: 'casebook_session_with_member' })
    .first([
      's.id as session_id',
      's.user_id as session_user_id',
      's.organisation_id as session_organisation_id',
      's.expires_at',
      's.two_factor_pending',
      ...activeMemberColumns(db),
    ]);
  if (!row) return undefined;
  return {
    session: {
      id: row.sessionId,
      userId: row.sessionUserId,
      organisationId: row.sessionOrganisationId,
      expiresAt: new Date(row.expiresAt),
      twoFactorPending: row.twoFactorPending,
    },
    member: activeMemberOf(row),
  };
}

export async function deleteSession(db: Knex, id: string): Promise<void> {
  await Session.query(db).deleteById(id);
}

export async function updateSession(
  db: Knex,
  id: string,
  changes: { expiresAt?: Date; organisationId?: string; twoFactorPending?: boolean },
): Promise<void> {
  await Session.query(db).findById(id).patch(changes);
}

/** Ends every session of a user, but the one with this id when given. */
export async function deleteUserSessions(db: Knex, userId: string, exceptId?: string): Promise<void> {
  const query = Session.query(db).where({ userId });
  if (exceptId) query.whereNot({ id: exceptId });
  await query.delete();
}
