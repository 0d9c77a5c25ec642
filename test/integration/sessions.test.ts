import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Knex } from 'knex';
import { createDb } from '../../db/connection.ts';
import {
  authenticateSessionToken,
  createSession,
  generateSessionToken,
  invalidateSession,
  validateSessionToken,
} from '../../services/sessions.ts';
import { createWorld } from '../helpers/fixtures.ts';

let db: Knex;
let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  db = createDb({ databaseUrl: inject('databaseUrl'), dataDir: os.tmpdir() });
  world = await createWorld(db);
});
afterAll(() => db?.destroy());

describe('sessions', () => {
  const start = Date.parse('2026-11-22T09:00:00Z');
  const open = async () => {
    const token = generateSessionToken();
    await createSession(db, token, world.referrer.id, world.client.id, start);
    return token;
  };

  it('stores only a hash of the token', async () => {
    const token = await open();
    expect(await db('sessions').where({ id: token }).first()).toBeUndefined();
    expect(await validateSessionToken(db, token, start)).toMatchObject({ userId: world.referrer.id });
  });

  // Literal instants, not SESSION_IDLE_MS arithmetic: a change to the constant must fail here (SPEC: 20 minutes).
  it('is alive 19:59 after it was opened and gone 20:01 after', async () => {
    const checkedEarly = await open();
    expect(await validateSessionToken(db, checkedEarly, Date.parse('2026-11-22T09:19:59Z'))).not.toBeNull();
    const checkedLate = await open();
    expect(await validateSessionToken(db, checkedLate, Date.parse('2026-11-22T09:20:01Z'))).toBeNull();
    // ...and is gone for good.
    expect(await validateSessionToken(db, checkedLate, start)).toBeNull();
  });

  it('slides forward while the user is active: 20 minutes from the last use', async () => {
    const lastUse = Date.parse('2026-11-22T09:15:00Z');
    const early = await open();
    const session = await validateSessionToken(db, early, lastUse);
    expect(session!.expiresAt.toISOString()).toBe('2026-11-22T09:35:00.000Z');
    expect(await validateSessionToken(db, early, Date.parse('2026-11-22T09:34:59Z'))).not.toBeNull();
    const late = await open();
    await validateSessionToken(db, late, lastUse);
    expect(await validateSessionToken(db, late, Date.parse('2026-11-22T09:35:01Z'))).toBeNull();
  });

  it('ends at once when signed out', async () => {
    const token = await open();
    await invalidateSession(db, token);
    expect(await validateSessionToken(db, token, start)).toBeNull();
  });

  it('does not accept a made-up token', async () => {
    expect(await validateSessionToken(db, generateSessionToken(), start)).toBeNull();
  });

  it('writes the sliding expiry at most once a minute, and keeps it within a minute of 20 minutes from the last use', async () => {
    const token = await open();
    const stored = async () => (await db('sessions').orderBy('createdAt', 'desc').first('expiresAt')).expiresAt;
    const writes: string[] = [];
    const count = (q: { sql: string }) => {
      if (/^update "sessions"/i.test(q.sql)) writes.push(q.sql);
    };
    db.on('query', count);
    try {
      const soon = await validateSessionToken(db, token, Date.parse('2026-11-22T09:00:59Z'));
      expect(soon!.expiresAt.toISOString()).toBe('2026-11-22T09:20:00.000Z');
      expect(writes).toHaveLength(0);
      const later = await validateSessionToken(db, token, Date.parse('2026-11-22T09:09:00Z'));
      // Halfway (Lucia's default) would have left it at 09:20, ending the session 11 minutes after this use.
      expect(later!.expiresAt.toISOString()).toBe('2026-11-22T09:29:00.000Z');
      expect(writes).toHaveLength(1);
      expect(new Date(await stored()).toISOString()).toBe('2026-11-22T09:29:00.000Z');
    } finally {
      db.off('query', count);
    }
    expect(await validateSessionToken(db, token, Date.parse('2026-11-22T09:28:59Z'))).not.toBeNull();
  });

  it('loads the session, the user, their membership and whose cases they see in one query', async () => {
    const token = generateSessionToken();
    await createSession(db, token, world.manager.id, world.client.id, start);
    const queries: string[] = [];
    const count = (q: { sql: string }) => queries.push(q.sql);
    db.on('query', count);
    let found: Awaited<ReturnType<typeof authenticateSessionToken>>;
    try {
      found = await authenticateSessionToken(db, token, start);
    } finally {
      db.off('query', count);
    }
    expect(queries).toHaveLength(1);
    expect(found!.session).toMatchObject({ userId: world.manager.id, organisationId: world.client.id });
    expect(found!.member!.user.id).toBe(world.manager.id);
    expect(found!.member!.organisation.id).toBe(world.client.id);
    // The manager and the referrer below them.
    expect([...found!.member!.visibleOwnerIds].sort()).toEqual([world.manager.id, world.referrer.id].sort());
  });

  it('has no member for a session whose account is no longer active', async () => {
    const token = generateSessionToken();
    await createSession(db, token, world.outsider.id, world.other.id, start);
    await db('users').where({ id: world.outsider.id }).update({ status: 'disabled' });
    const found = await authenticateSessionToken(db, token, start);
    expect(found!.session.userId).toBe(world.outsider.id);
    expect(found!.member).toBeUndefined();
  });
});
