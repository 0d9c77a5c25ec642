import type { Knex } from 'knex';
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  findSessionWithMember,
  insertSession,
  updateSession as updateSessionRow,
} from '../db/queries/sessions.ts';
import type { ActiveMember } from '../db/queries/memberships.ts';
import type { SessionCache } from './session-cache.ts';
import { generateToken, hashToken } from './tokens.ts';

/**
 * Sessions after Lucia's guide: the cookie holds a random token, the table holds
 * only its SHA-256, and each use slides the expiry (SPEC: 20 minutes idle).
 */
export const SESSION_IDLE_MS = 20 * 60 * 1000;
/**
 * Extending on every request would write on every request. Lucia's guide extends
 * once half the period has gone, which ends an idle session anywhere from 10 to 20
 * minutes after its last use; extending when a minute has gone keeps the expiry
 * within a minute of "20 minutes from the last use" and writes at most once a minute.
 */
const SESSION_EXTEND_AFTER_MS = 60 * 1000;

export type SessionRecord = {
  id: string;
  userId: string;
  organisationId: string;
  expiresAt: Date;
  twoFactorPending: boolean;
};

export const generateSessionToken = generateToken;
const sessionIdOf = hashToken;

export async function createSession(
  db: Knex,
  token: string,
  userId: string,
  organisationId: string,
  now = Date.now(),
  options: { twoFactorPending?: boolean } = {},
): Promise<SessionRecord> {
  const session = {
    id: sessionIdOf(token),
    userId,
    organisationId,
    expiresAt: new Date(now + SESSION_IDLE_MS),
    twoFactorPending: options.twoFactorPending ?? false,
  };
  await insertSession(db, session);
  return session;
}

/** The live session for a token, its expiry slid forward; null when absent or expired. */
export async function validateSessionToken(db: Knex, token: string, now = Date.now()): Promise<SessionRecord | null> {
  const id = sessionIdOf(token);
  const row = await findSession(db, id);
  return row ? liveSession(db, { ...row, expiresAt: new Date(row.expiresAt) }, now) : null;
}

/**
 * The live session for a token with who it is (undefined when their account or
 * membership is no longer active), in one query or from the cache (services/session-cache.ts),
 * plus a write at most once a minute to slide the expiry; null when absent or expired. What
 * every request runs.
 */
export async function authenticateSessionToken(
  db: Knex,
  token: string,
  now = Date.now(),
  cache?: SessionCache,
): Promise<{ session: SessionRecord; member: ActiveMember | undefined } | null> {
  const id = sessionIdOf(token);
  const version = cache?.version() ?? 0;
  const found = cache?.get(id) ?? (await findSessionWithMember(db, id));
  if (!found) return null;
  const session = await liveSession(db, found.session, now);
  if (!session) return null;
  const { member } = found;
  // Only a session that is fully signed in, for an active member, is worth keeping.
  if (cache && member && !session.twoFactorPending) cache.remember(id, { session, member }, version);
  return { session, member };
}

async function liveSession(db: Knex, row: SessionRecord, now: number): Promise<SessionRecord | null> {
  const expiresAt = row.expiresAt.getTime();
  if (now >= expiresAt) {
    await deleteSession(db, row.id);
    return null;
  }
  const slid = now + SESSION_IDLE_MS;
  if (slid - expiresAt >= SESSION_EXTEND_AFTER_MS) {
    await updateSessionRow(db, row.id, { expiresAt: new Date(slid) });
    return { ...pick(row), expiresAt: new Date(slid) };
  }
  return { ...pick(row), expiresAt: new Date(expiresAt) };
}

const pick = (row: SessionRecord): SessionRecord => ({
  id: row.id,
  userId: row.userId,
  organisationId: row.organisationId,
  twoFactorPending: row.twoFactorPending,
  expiresAt: row.expiresAt,
});

export async function invalidateSession(db: Knex, token: string): Promise<void> {
  await deleteSession(db, sessionIdOf(token));
}

/** "Stay signed in": a full idle period from now. */
export async function extendSession(db: Knex, token: string, now = Date.now()): Promise<Date> {
  const expiresAt = new Date(now + SESSION_IDLE_MS);
  await updateSessionRow(db, sessionIdOf(token), { expiresAt });
  return expiresAt;
}

/** Ends every session of a user but the one given (after a password change). */
export async function invalidateOtherSessions(db: Knex, userId: string, keepToken?: string): Promise<void> {
  await deleteUserSessions(db, userId, keepToken ? sessionIdOf(keepToken) : undefined);
}

export async function updateSession(
  db: Knex,
  token: string,
  changes: { organisationId?: string; twoFactorPending?: boolean },
): Promise<void> {
  await updateSessionRow(db, sessionIdOf(token), changes);
}
