import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Knex } from 'knex';
import { createDb } from '../../db/connection.ts';
import { createSession, generateSessionToken, invalidateSession, SESSION_IDLE_MS, validateSessionToken } from '../../services/sessions.ts';
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

  it('ends after 20 minutes without activity', async () => {
    const token = await open();
    expect(await validateSessionToken(db, token, start + SESSION_IDLE_MS)).toBeNull();
    // ...and is gone for good.
    expect(await validateSessionToken(db, token, start)).toBeNull();
  });

  it('slides forward while the user is active', async () => {
    const token = await open();
    const later = start + SESSION_IDLE_MS * 0.75;
    const session = await validateSessionToken(db, token, later);
    expect(session!.expiresAt.getTime()).toBe(later + SESSION_IDLE_MS);
    expect(await validateSessionToken(db, token, start + SESSION_IDLE_MS + 60_000)).not.toBeNull();
  });

  it('ends at once when signed out', async () => {
    const token = await open();
    await invalidateSession(db, token);
    expect(await validateSessionToken(db, token, start)).toBeNull();
  });

  it('does not accept a made-up token', async () => {
    expect(await validateSessionToken(db, generateSessionToken(), start)).toBeNull();
  });
});
