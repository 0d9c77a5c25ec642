import type { Knex } from 'knex';
import { Session } from '../models/session.ts';

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
