import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Knex } from 'knex';

/**
 * Sessions after Lucia's guide: the cookie holds a random token, the table holds
 * only its SHA-256, and each use slides the expiry (SPEC: 20 minutes idle).
 */
export const SESSION_IDLE_MS = 20 * 60 * 1000;
/** Extending on every request would write on every request; halfway is enough. */
const REFRESH_AFTER_MS = SESSION_IDLE_MS / 2;

export type SessionRecord = { id: string; userId: string; organisationId: string; expiresAt: Date };

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

const sessionIdOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export async function createSession(db: Knex, token: string, userId: string, organisationId: string, now = Date.now()): Promise<SessionRecord> {
  const session = { id: sessionIdOf(token), userId, organisationId, expiresAt: new Date(now + SESSION_IDLE_MS) };
  await db('sessions').insert(session);
  return session;
}

/** The live session for a token, its expiry slid forward; null when absent or expired. */
export async function validateSessionToken(db: Knex, token: string, now = Date.now()): Promise<SessionRecord | null> {
  const id = sessionIdOf(token);
  const row = (await db('sessions').where({ id }).first()) as SessionRecord | undefined;
  if (!row) return null;
  const expiresAt = new Date(row.expiresAt).getTime();
  if (now >= expiresAt) {
    await db('sessions').where({ id }).delete();
    return null;
  }
  if (now >= expiresAt - REFRESH_AFTER_MS) {
    row.expiresAt = new Date(now + SESSION_IDLE_MS);
    await db('sessions').where({ id }).update({ expiresAt: row.expiresAt });
  }
  return { ...row, expiresAt: new Date(row.expiresAt) };
}

export async function invalidateSession(db: Knex, token: string): Promise<void> {
  await db('sessions').where({ id: sessionIdOf(token) }).delete();
}
