import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../bin/mail-catcher.ts';
import { startTemporalDevServer, type DevServer } from '../../bin/temporal-dev-server.ts';
import { createDb } from '../../db/connection.ts';
import { temporalCliPath } from '../../scripts/temporal-cli-path.ts';
import { connectClient } from '../../services/temporal.ts';
import { workflowId } from '../../temporal.config.ts';
import { stateQuery, type ReferralState } from '../../workflows/referral.messages.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { createScratchDatabase } from '../helpers/scratch-database.ts';
import { ApiCaller } from '../helpers/http.ts';
import { exitOf, freePort, isRunning, lineOf, startNode, type Started } from '../helpers/processes.ts';

/**
 * "Done means" of issue 14: the production topology from the built output (npm run build), with a Temporal
 * dev server of its own as the cluster, a database of its own on the run's PostgreSQL, and the mail catcher
 * as the relay: migrate, two workers and two APIs behind a round-robin "load balancer". Referrals are driven
 * through both APIs while an API is killed between a create's two steps, a worker is stopped with SIGTERM and
 * another with SIGKILL, and Temporal is stopped and started again. Then: no request stalled past a bound,
 * outages answered 503 (never 500), no referral lost, duplicated or orphaned, one email per event.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PUBLIC_URL = 'https://casebook.example';
const NAMESPACE = 'casebook';
/** Any request: an Update's 30 s deadline (it may wait for a worker) with room for a busy machine. */
const REQUEST_BOUND_MS = 40_000;
/** A request while Temporal is down: its 5 s call deadline or about 5 s of network retries, with room. */
const OUTAGE_BOUND_MS = 12_000;
/** The run without its row checks after newReferralRow (1 minute in production) and ends itself. */
const ORPHAN_BOUND_MS = 150_000;

let temporalOptions: Parameters<typeof startTemporalDevServer>[0];
let temporal: DevServer;
let client: Client;
let database: Awaited<ReturnType<typeof createScratchDatabase>>;
let databaseUrl: string;
let db: Knex;
let mail: MailCatcher;
let mailDir: string;
let world: Awaited<ReturnType<typeof createWorld>>;
const processes: Started[] = [];
const SECRETS = { APP_SECRET: randomBytes(24).toString('hex'), DOCUMENT_KEY: randomBytes(32).toString('base64') };

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', '-s', 'build'], { cwd: ROOT });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-topology-'));
  temporalOptions = {
    cli: temporalCliPath(),
    dataDir,
    namespace: NAMESPACE,
    port: await freePort(),
    uiPort: await freePort(),
  };
  temporal = await startTemporalDevServer(temporalOptions);
  client = await connectClient({ address: temporal.address, namespace: NAMESPACE });

  // A database of its own on the run's server, which migrate (from dist/) sets up.
  database = await createScratchDatabase('topology');
  databaseUrl = database.databaseUrl;

  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-topology-mail-'));
  mail = await startMailCatcher({ port: 0, dir: mailDir });
}, 180_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await client?.connection.close();
  await temporal?.stop();
  await mail?.close();
  await db?.destroy();
  await database?.drop();
  for (const dir of [mailDir, temporalOptions?.dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The README's Production environment, for this test's servers; nothing inherited. */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: NAMESPACE,
    SMTP_URL: mail.smtpUrl,
    PUBLIC_URL,
    HOST: '127.0.0.1',
    ...SECRETS,
    ...extra,
  };
}

async function run(name: string, entry: string, env: NodeJS.ProcessEnv, ready?: string): Promise<Started> {
  const started = await startNode(name, path.join('dist', entry), { cwd: ROOT, env, ...(ready ? { ready } : {}) });
  processes.push(started);
  return started;
}

type Api = { name: string; base: string; process: Started };

async function startApi(name: string, extra: Record<string, string> = {}): Promise<Api> {
  const port = await freePort();
  const process = await run(name, 'api/server.js', productionEnv({ PORT: String(port), ...extra }), 'API listening');
  return { name, base: `http://127.0.0.1:${port}`, process };
}

const startWorker = (name: string) => run(name, 'worker/main.js', productionEnv(), 'Worker polling');

/** Every request through the balancer: where it went, what it answered, how long it took, in which phase. */
type Call = { api: string; method: string; path: string; status: number; ms: number; outage: boolean };
const calls: Call[] = [];
let outage = false;

/** Round robin over the APIs in service, as a load balancer in front of them. */
const live: Api[] = [];
let turn = 0;
const balancer = {
  async request(input: string, init?: RequestInit): Promise<Response> {
    const api = live[turn++ % live.length]!;
    const started = Date.now();
    const res = await fetch(`${api.base}${input}`, init);
    const method = init?.method ?? 'GET';
    calls.push({ api: api.name, method, path: input, status: res.status, ms: Date.now() - started, outage });
    return res;
  },
};
const direct = (api: Api) => ({ request: (input: string, init?: RequestInit) => fetch(`${api.base}${input}`, init) });
const signIn = (app: { request: typeof balancer.request }, username: string) =>
  ApiCaller.signIn(app, username, PASSWORD, { origin: PUBLIC_URL });

const createBody = () => ({ formKey: 'management-referral', formData: completeManagementReferral() });
const reference = (id: string) => `reference ${id.slice(0, 8).toUpperCase()}`;
const submittedMail = (id: string) => (m: CaughtMail) =>
  m.subject === 'Management referral submitted' && m.text.includes(reference(id));
const acceptedMail = (caseNumber: string) => (m: CaughtMail) =>
  m.subject === `Management referral accepted: case ${caseNumber}`;

async function describeRun(id: string) {
  try {
    return await client.workflow.getHandle(workflowId.referral(id)).describe();
  } catch {
    return undefined;
  }
}

describe('the production topology, built, through kills and a Temporal outage', () => {
  it(
    'loses, duplicates and orphans nothing, answers outages 503 within a bound, and sends one email per event',
    async () => {
      const migrate = await run('migrate', 'db/migrate.js', productionEnv());
      expect(await exitOf(migrate)).toEqual({ code: 0, signal: null });
      db = createDb({ databaseUrl, dataDir: os.tmpdir() });
      world = await createWorld(db);
      const workers = [await startWorker('worker-1'), await startWorker('worker-2')];
      const apiA = await startApi('api-a');
      // api-b pauses a create between its two steps (a hook for tests only), to be killed right there.
      let apiB = await startApi('api-b', { TEST_PAUSE_BEFORE_REFERRAL_ROW_MS: '600000' });
      live.push(apiA);

      // An API killed between starting a referral's run and writing its row.
      const onB = await signIn(direct(apiB), world.referrer.username);
      const cut = onB.post('/api/referrals', createBody()).then(
        () => 'answered',
        () => 'cut',
      );
      const paused = JSON.parse(await lineOf(apiB.process, 'test pause before the referral row')) as {
        referral: string;
      };
      const orphan = paused.referral;
      apiB.process.child.kill('SIGKILL');
      expect(await apiB.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(await cut).toBe('cut');
      expect((await describeRun(orphan))?.status.name).toBe('RUNNING');
      expect(await db('referrals').where({ id: orphan })).toEqual([]);
      apiB = await startApi('api-b');
      live.push(apiB);

      // Referrals through both APIs: a session made on one is used on the other.
      const referrer = await signIn(balancer, world.referrer.username);
      const clinician = await signIn(balancer, world.clinician.username);
      const created: string[] = [];
      const submitted = new Set<string>();
      const accepted = new Map<string, string>();
      const create = async () => {
        const res = await referrer.post('/api/referrals', createBody());
        if (res.status === 201) created.push(res.body.id);
        return res;
      };
      const submit = async (id: string) => {
        const res = await referrer.post(`/api/referrals/${id}/submit`);
        if (res.status === 200) submitted.add(id);
        return res;
      };
      const accept = async (id: string) => {
        const res = await clinician.post(`/api/triage/${id}/accept`, {});
        if (res.status === 200) accepted.set(id, res.body.caseNumber);
        return res;
      };
      for (let i = 0; i < 4; i++) expect((await create()).status).toBe(201);
      for (const id of created) expect((await submit(id)).status).toBe(200);
      for (const id of created.slice(0, 2)) expect((await accept(id)).status).toBe(200);
      expect(new Set(calls.map((c) => c.api))).toEqual(new Set(['api-a', 'api-b']));

      // Workers: one stopped with SIGTERM (it drains and exits 0), the other killed; while none runs, requests
      // wait in Temporal, and new workers carry them out.
      workers[0]!.child.kill('SIGTERM');
      expect(await exitOf(workers[0]!)).toEqual({ code: 0, signal: null });
      workers[1]!.child.kill('SIGKILL');
      expect(await workers[1]!.exited).toEqual({ code: null, signal: 'SIGKILL' });
      for (let i = 0; i < 2; i++) expect((await create()).status).toBe(201);
      const waiting = [submit(created[4]!), submit(created[5]!), accept(created[2]!)];
      workers.push(await startWorker('worker-3'), await startWorker('worker-4'));
      for (const res of await Promise.all(waiting)) expect(res.status).toBe(200);

      // Temporal stops. Writes answer 503 within the bound; what needs only PostgreSQL goes on working.
      expect((await create()).status).toBe(201);
      const draft = created.at(-1)!;
      await temporal.stop();
      outage = true;
      const down = Date.now();
      const during = await Promise.all([
        create(),
        create(),
        submit(draft),
        accept(created[3]!),
        referrer.get('/api/referrals?tab=open'),
        referrer.get(`/api/referrals/${created[0]!}`),
        referrer.get('/api/health'),
        referrer.get('/api/health'),
      ]);
      expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503, 200, 200, 200, 200]);
      for (const api of live) {
        const ready = await fetch(`${api.base}/api/ready`);
        expect({ status: ready.status, body: await ready.json() }).toEqual({
          status: 503,
          body: { database: 'ok', temporal: 'unavailable' },
        });
      }
      // A long outage, with people trying now and then.
      while (Date.now() - down < 20_000) {
        expect((await create()).status).toBe(503);
        expect((await referrer.get('/api/referrals?tab=draft')).status).toBe(200);
      }
      temporal = await startTemporalDevServer(temporalOptions);
      outage = false;
      // Back: each API creates again within seconds.
      const back = Date.now();
      const recovered = new Set<string>();
      while (recovered.size < live.length) {
        const before = calls.length;
        if ((await create()).status === 201) recovered.add(calls[before]!.api);
        expect(Date.now() - back).toBeLessThan(15_000);
      }
      // What was refused is done now; a submit sent twice is answered with the state it has.
      for (const id of created.filter((id) => !submitted.has(id))) expect((await submit(id)).status).toBe(200);
      expect((await submit(created[0]!)).status).toBe(200);
      for (const id of [created[3]!, draft]) expect((await accept(id)).status).toBe(200);

      // No request stalled; an outage was a 503, never a 500.
      expect(calls.filter((c) => c.status >= 500 && c.status !== 503)).toEqual([]);
      expect(calls.filter((c) => c.ms > REQUEST_BOUND_MS)).toEqual([]);
      expect(calls.filter((c) => c.outage && c.ms > OUTAGE_BOUND_MS)).toEqual([]);
      expect(calls.filter((c) => c.outage && c.status === 503).length).toBeGreaterThan(4);

      // The run the killed API left without a row ends itself: neither remains.
      const ended = (await client.workflow.getHandle(workflowId.referral(orphan)).result()) as ReferralState;
      await recordHistory(client, 'referral-row-never-written', workflowId.referral(orphan));
      expect(ended.status).toBe('deleted');
      expect(await db('referrals').where({ id: orphan })).toEqual([]);

      // No referral lost or duplicated: each answered create has one row and one run, in the same state.
      const rows = await db('referrals')
        .where({ organisationId: world.client.id })
        .select('id', 'status', 'caseNumber');
      expect(rows.map((r) => r.id).sort()).toEqual([...created].sort());
      for (const row of rows) {
        const state = await client.workflow.getHandle(workflowId.referral(row.id)).query(stateQuery);
        expect({ id: row.id, status: state.status, caseNumber: state.caseNumber }).toEqual({
          id: row.id,
          status: row.status,
          caseNumber: row.caseNumber,
        });
        expect(row.status).toBe(accepted.has(row.id) ? 'triage_ima_required' : 'pending_triage');
      }
      expect(new Set(accepted.values()).size).toBe(accepted.size);
      // No orphan: the only runs are those of the rows, and the one that ended itself.
      const runs: string[] = [];
      for await (const run of client.workflow.list({ query: "WorkflowType = 'referralWorkflow'" })) {
        runs.push(run.workflowId);
      }
      expect(runs.sort()).toEqual([...created, orphan].map((id) => workflowId.referral(id)).sort());

      // One email per event.
      const messages = mail.messages();
      for (const id of created) expect(messages.filter(submittedMail(id))).toHaveLength(1);
      for (const caseNumber of accepted.values()) expect(messages.filter(acceptedMail(caseNumber))).toHaveLength(1);

      // Every process stops cleanly on SIGTERM, leaving nothing running.
      const running = [apiA.process, apiB.process, ...workers.slice(2)];
      for (const p of running) p.child.kill('SIGTERM');
      for (const p of running) {
        expect(await exitOf(p)).toEqual({ code: 0, signal: null });
        expect(isRunning(p.child.pid!)).toBe(false);
      }
    },
    ORPHAN_BOUND_MS + 60_000,
  );
});
