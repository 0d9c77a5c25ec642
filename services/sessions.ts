import type { Knex } from 'knex';
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  updateSession as updateSessionRow,
} from '../db/queries/sessions.ts';
import { generateToken, hashToken } from './tokens.ts';

/**
 * Sessions after Lucia's guide: the cookie holds a random token, the table holds
 * only its SHA-256, and each use slides the expiry (SPEC: 20 minutes idle).
 */
export const SESSION_IDLE_MS = 20 * 60 * 1000;
/** Extending on every request would write on every request; halfway is enough. */
const REFRESH_AFTER_MS = SESSION_IDLE_MS / 2;

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
  if (!row) return null;
  const expiresAt = new Date(row.expiresAt).getTime();
  if (now >= expiresAt) {
    await deleteSession(db, id);
    return null;
  }
  if (now >= expiresAt - REFRESH_AFTER_MS) {
    row.expiresAt = new Date(now + SESSION_IDLE_MS);
    await updateSessionRow(db, id, { expiresAt: row.expiresAt });
  }
  return {
    id: row.id,
    userId: row.userId,
    organisationId: row.organisationId,
    twoFactorPending: row.twoFactorPending,
    expiresAt: new Date(row.expiresAt),
  };
}

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
