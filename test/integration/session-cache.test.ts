import os from 'node:os';
import type { Knex } from 'knex';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../db/connection.ts';
import { migrateLatest } from '../../db/migrate-latest.ts';
import { WATCH_NAME } from '../../db/session-changes.ts';
import { createSessionCache } from '../../services/session-cache.ts';
import { authenticateSessionToken, createSession, generateSessionToken } from '../../services/sessions.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { createScratchDatabase } from '../helpers/scratch-database.ts';
import { startTcpGate } from '../helpers/tcp-gate.ts';
import { startTestSystem } from '../helpers/test-system.ts';

const suite = apiSuite();
const { as } = suite;

/** Counts the session queries run through the API's database handle (every uncached request makes one). */
function sessionQueries(db: Knex) {
  let count = 0;
  db.on('query', (q: { sql: string }) => {
    if (q.sql.includes('from "sessions" as "s"')) count += 1;
  });
  return { now: () => count, since: (start: number) => count - start };
}
type Queries = ReturnType<typeof sessionQueries>;

/** The suite's API's session queries, counted by one listener for the whole file. */
let queries: Queries;
beforeAll(() => {
  queries = sessionQueries(suite.sys.db);
});

/** Another process's connection: its changes reach the API only through PostgreSQL's notifications. */
let elsewhere: pg.Client;
beforeAll(async () => {
  elsewhere = new pg.Client({ connectionString: inject('databaseUrl') });
  await elsewhere.connect();
});
afterAll(() => elsewhere?.end());

/** A world of its own for one test, its referrer signed in. */
async function freshWorld() {
  const world = await createWorld(suite.sys.db);
  return { world, referrer: await as(world.referrer) };
}

/** Waits until the caller's requests are answered from the cache (its watch connects after the start). */
async function servedFromCache(caller: ApiCaller, queries: Queries) {
  await expect
    .poll(
      async () => {
        const start = queries.now();
        expect((await caller.get('/api/auth/session')).status).toBe(200);
        expect((await caller.get('/api/auth/session')).status).toBe(200);
        return queries.since(start);
      },
      { timeout: 5_000 },
    )
    .toBe(0);
}

/** The caller's GET answers `status` within a second: a change from elsewhere arrives by notification. */
const soon = (caller: ApiCaller, path: string, status: number) =>
  expect.poll(async () => (await caller.get(path)).status, { timeout: 1_000 }).toBe(status);

describe('who a session is, kept between requests', () => {
  it('answers a signed-in user’s requests without asking PostgreSQL again', async () => {
    const { referrer } = await freshWorld();
    await servedFromCache(referrer, queries);
    const start = queries.now();
    for (let i = 0; i < 5; i += 1) expect((await referrer.get('/api/referrals?tab=open')).status).toBe(200);
    expect(queries.since(start)).toBe(0);
  });

  it('is emptied by a change to a user, not by a sign-in being stamped nor a session sliding', async () => {
    // A database of its own: nobody else's change can reach this cache while it is watched.
    const database = await createScratchDatabase('session_cache');
    const db = createDb({ databaseUrl: database.databaseUrl, dataDir: os.tmpdir(), poolMax: 2 });
    const cache = createSessionCache(db);
    try {
      await migrateLatest(db);
      const world = await createWorld(db);
      await createSession(db, generateSessionToken(), world.referrer.id, world.client.id);
      await expect.poll(() => cache.listening()).toBe(true);
      const version = cache.version();
      // This process's own changes are heard before each statement returns.
      await db('users').where({ id: world.peer.id }).update({ lastLoginAt: new Date(), updatedAt: new Date() });
      await db('sessions').update({ expiresAt: db.raw("expires_at + interval '1 minute'") });
      expect(cache.version()).toBe(version);
      await db('users').where({ id: world.peer.id }).update({ jobTitle: 'Moved on' });
      expect(cache.version()).toBeGreaterThan(version);
    } finally {
      await cache.close();
      await db.destroy();
      await database.drop();
    }
  });

  it('forgets a session signed out, at once', async () => {
    const { referrer } = await freshWorld();
    await servedFromCache(referrer, queries);
    const sameCookie = referrer.sending('both');
    expect((await referrer.post('/api/auth/logout')).status).toBe(204);
    const res = await sameCookie.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Your session has ended. Sign in to continue.');
  });

  it('acts at once on an administrator changing the user’s permissions or disabling them', async () => {
    const { world, referrer } = await freshWorld();
    const top = await as(world.top);
    await servedFromCache(referrer, queries);

    const access = { permissions: ['mi_viewer'], managerId: world.manager.id };
    expect((await top.put(`/api/users/${world.referrer.id}/access`, access)).status).toBe(204);
    expect((await referrer.get('/api/auth/session')).body.permissions).toEqual(['mi_viewer']);
    expect((await referrer.get('/api/referrals?tab=open')).status).toBe(403);

    expect((await top.post(`/api/users/${world.referrer.id}/disable`)).status).toBe(204);
    expect((await referrer.get('/api/auth/session')).status).toBe(401);
  });

  it('shows a case shared from another process, and stops when it is withdrawn', async () => {
    const { world, referrer } = await freshWorld();
    const peer = await as(world.peer);
    const { body } = await peer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral({ employeeSurname: 'Cachedshare' }),
    });
    expect((await peer.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
    await servedFromCache(referrer, queries);
    expect((await referrer.get(`/api/referrals/${body.id}`)).status).toBe(404);

    await elsewhere.query(
      'insert into shares (organisation_id, owner_id, viewer_id, notify) values ($1, $2, $3, true)',
      [world.client.id, world.peer.id, world.referrer.id],
    );
    await soon(referrer, `/api/referrals/${body.id}`, 200);
    await elsewhere.query('delete from shares where viewer_id = $1', [world.referrer.id]);
    await soon(referrer, `/api/referrals/${body.id}`, 404);
  });

  it('hears an account disabled by another process, in well under a second', async () => {
    const { world, referrer } = await freshWorld();
    await servedFromCache(referrer, queries);
    await elsewhere.query("update users set status = 'disabled' where id = $1", [world.referrer.id]);
    await soon(referrer, '/api/auth/session', 401);
  });

  it('asks PostgreSQL on every request while it cannot listen, then keeps sessions again', async () => {
    const { referrer } = await freshWorld();
    await servedFromCache(referrer, queries);
    // Ends every watch's connection (other test files' too: they fall back the same way).
    await elsewhere.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
      WATCH_NAME,
    ]);
    await expect.poll(() => suite.sys.deps.sessionCache!.listening()).toBe(false);
    const start = queries.now();
    expect((await referrer.get('/api/auth/session')).status).toBe(200);
    expect((await referrer.get('/api/auth/session')).status).toBe(200);
    expect(queries.since(start)).toBe(2);
    // Its watch reconnects within a few seconds.
    await servedFromCache(referrer, queries);
  });

  it('stops answering from memory within seconds of its connection going silent, and starts again after', async () => {
    // The network to PostgreSQL stops passing anything without closing: nothing ends or fails, but
    // the watch no longer hears its probes.
    const url = new URL(inject('databaseUrl'));
    const gate = await startTcpGate(url.host);
    url.host = gate.address;
    const sys = await startTestSystem({ databaseUrl: url.toString(), inProcessWorker: false });
    try {
      const world = await createWorld(sys.db);
      const referrer = await ApiCaller.signIn(sys.app, world.referrer.username, PASSWORD);
      const ownQueries = sessionQueries(sys.db);
      await servedFromCache(referrer, ownQueries);
      gate.hold();
      const cache = sys.deps.sessionCache!;
      await expect.poll(() => cache.listening(), { timeout: 10_000, interval: 100 }).toBe(false);
      gate.release();
      await expect.poll(() => cache.listening(), { timeout: 10_000, interval: 100 }).toBe(true);
      await servedFromCache(referrer, ownQueries);
    } finally {
      gate.release();
      await sys.stop();
      await gate.close();
    }
  });

  it('does not keep what it loaded before a change it heard meanwhile', async () => {
    const { db } = suite.sys;
    const world = await createWorld(db);
    const cache = createSessionCache(db);
    try {
      await expect.poll(() => cache.listening()).toBe(true);
      const token = generateSessionToken();
      await createSession(db, token, world.referrer.id, world.client.id);
      const version = cache.version();
      const found = await authenticateSessionToken(db, token);
      const known = { session: found!.session, member: found!.member! };
      // A change this process commits is heard before its statement returns.
      await db('users').where({ id: world.peer.id }).update({ jobTitle: 'Moved on' });
      expect(cache.version()).toBeGreaterThan(version);
      cache.remember(known.session.id, known, version);
      expect(cache.get(known.session.id)).toBeUndefined();

      cache.remember(known.session.id, known, cache.version());
      expect(cache.get(known.session.id)?.member.user.id).toBe(world.referrer.id);
    } finally {
      await cache.close();
    }
  });
});
