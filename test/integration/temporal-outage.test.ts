import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { startReferralWorkflow } from '../../api/temporal-edge.ts';
import { createDb } from '../../db/connection.ts';
import { UNAVAILABLE_MESSAGE } from '../../domain/errors.ts';
import { createLogger } from '../../services/logger.ts';
import { workflowId } from '../../temporal.config.ts';
import type { ReferralState } from '../../workflows/referral.messages.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { freePort } from '../helpers/processes.ts';
import { startTcpGate, type TcpGate } from '../helpers/tcp-gate.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * The API while Temporal or PostgreSQL is down. The API reaches the run's Temporal server through a
 * gate the test shuts (a Temporal gone from the network, while the shared server and the worker are
 * left alone; test/integration/production-topology.test.ts stops and starts a real one). PostgreSQL
 * "down" is an app whose pool points at a closed port.
 */
/** Half of it, the API's time to write the row, must cover a start that waits out its whole 5 s deadline. */
const NEW_ROW_MS = 16_000;
/** What a person may wait for an answer while Temporal is down: the 5 s call deadline, with room for a busy machine. */
const OUTAGE_ANSWER_BOUND_MS = 10_000;
/**
 * Reconnection attempts seen before Temporal comes back: by then gRPC's default backoff has grown past 10 s
 * (1 s × 1.6 per attempt, to 2 minutes), so an uncapped client would fail on for that long.
 */
const ATTEMPTS_BEFORE_RETURN = 8;

let gate: TcpGate;
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  gate = await startTcpGate(inject('temporalAddress'));
  sys = await startTestSystem({ clientTemporalAddress: gate.address, durations: { newReferralRow: NEW_ROW_MS } });
  world = await createWorld(sys.db);
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await sys?.stop();
  await gate?.close();
});

const createBody = () => ({ formKey: 'management-referral', formData: completeManagementReferral() });

/** The answer and how long it took. */
async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work;
  return { result, ms: Date.now() - started };
}

const referralRows = (ids: string[]) => sys.db('referrals').whereIn('id', ids).pluck('id');

async function workflowsOf(ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of ids) {
    try {
      await sys.temporal.workflow.getHandle(workflowId.referral(id)).describe();
      found.push(id);
    } catch {
      // Not found: no run was ever started for it.
    }
  }
  return found;
}

describe('a run whose referral row never comes', () => {
  it('ends itself once it sees no row, while a run with its row carries on', async () => {
    const referrer = await ApiCaller.signIn(sys.app, world.referrer.username, PASSWORD);
    const kept = await referrer.post('/api/referrals', createBody());
    expect(kept.status).toBe(201);
    // As if the API died between the two steps: the run is started, the row never written.
    const orphan = randomUUID();
    await startReferralWorkflow(sys.deps, {
      referralId: orphan,
      organisationCode: world.client.code,
      formKey: 'management-referral',
      requiresApproval: false,
    });

    const ended = await sys.temporal.workflow.getHandle(workflowId.referral(orphan)).result();
    expect((ended as ReferralState).status).toBe('deleted');
    expect(await referralRows([orphan])).toEqual([]);

    const keptRun = sys.temporal.workflow.getHandle(workflowId.referral(kept.body.id));
    const { events } = await keptRun.fetchHistory();
    const checked = events?.some(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'referralExists',
    );
    expect(checked).toBe(true);
    expect((await keptRun.describe()).status.name).toBe('RUNNING');
    expect(await referralRows([kept.body.id])).toEqual([kept.body.id]);
  });

  it('is never given a row after it may have checked: a late row is rolled back and the create answers 503', async () => {
    // The API writes the row within half of NEW_ROW_MS; paused past that, it must not write it at all.
    const slow = createApp({
      ...sys.deps,
      settings: { ...sys.deps.settings, testPauseBeforeReferralRowMs: NEW_ROW_MS / 2 + 500 },
    });
    const referrer = await ApiCaller.signIn(slow, world.referrer.username, PASSWORD);
    const rows = () => sys.db('referrals').where({ authorId: world.referrer.id }).pluck('id');
    const audited = () =>
      sys.db('audit_log').where({ action: 'referral.created', actorId: world.referrer.id }).pluck('targetId');
    const [rowsBefore, auditedBefore] = [await rows(), await audited()];
    const res = await referrer.post('/api/referrals', createBody());
    expect(res).toMatchObject({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } },
    });
    expect((await rows()).sort()).toEqual(rowsBefore.sort());
    expect((await audited()).sort()).toEqual(auditedBefore.sort());
  });
});

describe('while Temporal is down', () => {
  it('answers creates and submits 503 within a bound, keeps PostgreSQL-only reads working, leaves nothing half-made, and recovers at once', async () => {
    const referrer = await ApiCaller.signIn(sys.app, world.referrer.username, PASSWORD);
    const existing = await referrer.post('/api/referrals', createBody());
    expect(existing.status).toBe(201);
    const rowsBefore = await sys.db('referrals').where({ authorId: world.referrer.id }).pluck('id');

    gate.shut();
    // As many creates at once as took the pool in the incident (it holds 5 here), with reads beside them.
    const writes = Array.from({ length: 12 }, () => timed(referrer.post('/api/referrals', createBody())));
    // An Update too: its longer deadline is for waiting on the workflow, not on an unreachable server.
    writes.push(timed(referrer.post(`/api/referrals/${existing.body.id}/submit`)));
    const reads = [
      timed(referrer.get('/api/health')),
      timed(referrer.get('/api/referrals?tab=draft')),
      timed(referrer.get(`/api/referrals/${existing.body.id}`)),
    ];
    for (const { result, ms } of await Promise.all(reads)) {
      expect(result.status).toBe(200);
      expect(ms).toBeLessThan(OUTAGE_ANSWER_BOUND_MS);
    }
    for (const { result, ms } of await Promise.all(writes)) {
      expect(result).toMatchObject({
        status: 503,
        body: { error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } },
      });
      expect(result.headers.get('retry-after')).toBe('60');
      expect(ms).toBeLessThan(OUTAGE_ANSWER_BOUND_MS);
    }
    const list = await referrer.get('/api/referrals?tab=draft');
    expect(list.body.rows.map((r: { id: string }) => r.id)).toContain(existing.body.id);

    // The rest of a long outage, with a person trying now and then, as the client keeps reconnecting.
    while (gate.refused < ATTEMPTS_BEFORE_RETURN) {
      expect((await referrer.post('/api/referrals', createBody())).status).toBe(503);
    }
    expect((await sys.db('referrals').where({ authorId: world.referrer.id }).pluck('id')).sort()).toEqual(
      rowsBefore.sort(),
    );

    // Back just after an attempt failed, with creates still being tried: the client's next attempt comes within
    // its reconnect cap, so the next create, inside its own deadline, goes through.
    let trying = true;
    const meanwhile: { status: number; body: Record<string, any> }[] = [];
    const background = (async () => {
      while (trying) meanwhile.push(await referrer.post('/api/referrals', createBody()));
    })();
    await gate.nextAttempt();
    gate.open();
    const again = await referrer.post('/api/referrals', createBody());
    trying = false;
    await background;
    expect(again.status).toBe(201);
    expect(await workflowsOf([again.body.id, existing.body.id])).toEqual([again.body.id, existing.body.id]);
    // The submit refused while Temporal was unreachable did nothing.
    expect(await sys.db('referrals').where({ id: existing.body.id }).first()).toMatchObject({ status: 'draft' });
    const made = [again.body.id, ...meanwhile.filter((r) => r.status === 201).map((r) => r.body.id)];
    expect(meanwhile.every((r) => r.status === 201 || r.status === 503)).toBe(true);
    const rowsAfter = await sys.db('referrals').where({ authorId: world.referrer.id }).pluck('id');
    expect(rowsAfter.sort()).toEqual([...rowsBefore, ...made].sort());
  }, 150_000);
});

describe('starting a reassign-all while Temporal is down', () => {
  it('answers 503 and leaves nothing behind: no reassignment row, no audit entry, a leaver still enabled', async () => {
    await sys
      .db('memberships')
      .where({ userId: world.top.id, organisationId: world.client.id })
      .update({ permissions: sys.db.raw("array_append(permissions, 'case_reassigner')") });
    const top = await ApiCaller.signIn(sys.app, world.top.username, PASSWORD);
    const rows = () => sys.db('reassignments').where({ fromUserId: world.peer.id }).pluck('id');
    const audited = () =>
      sys
        .db('audit_log')
        .whereIn('action', ['cases.reassign_all_started', 'account.disabled'])
        .where({ targetId: world.peer.id })
        .pluck('id');
    const body = { toUserId: world.manager.id, reason: 'Team restructure' };
    gate.shut();
    try {
      for (const path of ['reassign-all', 'leaver']) {
        const res = await top.post(`/api/users/${world.peer.id}/${path}`, body);
        expect(res).toMatchObject({
          status: 503,
          body: { error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } },
        });
      }
      expect(await rows()).toEqual([]);
      expect(await audited()).toEqual([]);
      expect(await sys.db('users').where({ id: world.peer.id }).first('status')).toEqual({ status: 'active' });
    } finally {
      gate.open();
    }
    // Back (once the client has reconnected, each 503 meanwhile leaving nothing): it starts, row and audit entry.
    let started = await top.post(`/api/users/${world.peer.id}/reassign-all`, body);
    while (started.status === 503) started = await top.post(`/api/users/${world.peer.id}/reassign-all`, body);
    expect(started.status).toBe(202);
    expect(await rows()).toEqual([started.body.reassignmentId]);
    expect(await audited()).toHaveLength(1);
  }, 60_000);
});

describe('while PostgreSQL is down', () => {
  it('answers 503, not 500, to a signed-in request, and liveness stays 200', async () => {
    const db = createDb({
      databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/casebook`,
      dataDir: os.tmpdir(),
    });
    cleanups.push(() => db.destroy());
    const broken = createApp({ ...sys.deps, db, log: createLogger({ level: 'silent' }) });
    // Signed in while it was up; the same session cookie goes to the app whose database is gone.
    let target: { request: typeof sys.app.request } = sys.app;
    const referrer = await ApiCaller.signIn(
      { request: (...args) => target.request(...args) },
      world.referrer.username,
      PASSWORD,
    );
    target = broken;
    for (const res of [await referrer.get('/api/referrals'), await referrer.post('/api/referrals', createBody())]) {
      expect(res).toMatchObject({
        status: 503,
        body: { error: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } },
      });
    }
    // A load balancer's liveness probe, without a session: the process answers.
    expect((await new ApiCaller(broken).get('/api/health')).status).toBe(200);
  });
});
