import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildProcesses } from '../../scripts/build.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * The processes as production runs them: compiled once (the build of npm run build, without the
 * portal) into a folder of their own, then started as `node dist/...` with NODE_ENV=production
 * against the run's PostgreSQL and Temporal. Each is stopped with SIGTERM, as Docker and Kubernetes do.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_BOUND_MS = 30_000;
let dir: string;
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
let smtp: Awaited<ReturnType<typeof startGatedSmtp>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-dist-'));
  // Installed packages as an operator's checkout has them, beside the build.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await buildProcesses(path.join(dir, 'dist'));
  // The test's own app and database handle drive and inspect; the processes share its task queue.
  sys = await startTestSystem({ inProcessWorker: false });
  world = await createWorld(sys.db);
  smtp = await startGatedSmtp();
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await smtp?.close();
  await sys?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const DOCUMENT_KEY = randomBytes(32).toString('base64');
const APP_SECRET = randomBytes(24).toString('hex');

/** The environment the README's Production section exports, for this run's servers; nothing inherited. */
function productionEnv(port: number, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: inject('temporalNamespace'),
    TEMPORAL_TASK_QUEUE: sys.taskQueue,
    SMTP_URL: smtp.url,
    APP_SECRET,
    DOCUMENT_KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...overrides,
  };
}

type Started = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** `node dist/<entry>`, resolved once its output shows `ready` (or at once without one). */
function start(entry: string, env: NodeJS.ProcessEnv, ready?: string): Promise<Started> {
  const child = spawn(process.execPath, [path.join(dir, 'dist', entry)], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started: Started = { child, output: () => text, exited };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (ready && text.includes(ready)) resolve(started);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (!ready) resolve(started);
    void exited.then(({ code }) => reject(new Error(`${entry} exited (${code}) before it was ready:\n${text}`)));
  });
}

/** The exit, or a failure naming the process if it takes past the bound (then it is killed). */
async function exitOf(p: Started, boundMs = STOP_BOUND_MS) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill('SIGKILL');
      reject(new Error(`still running ${boundMs} ms later:\n${p.output()}`));
    }, boundMs);
  });
  return Promise.race([p.exited, late]).finally(() => clearTimeout(timer));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signs in to an API process over HTTP, as the portal would. */
async function signedIn(base: string, username: string): Promise<ApiCaller> {
  const overHttp = { request: (input: string, init?: RequestInit) => fetch(`${base}${input}`, init) };
  return ApiCaller.signIn(overHttp, username, PASSWORD, { origin: base });
}

const submitted = (id: string) => (m: { subject: string; body: string }) =>
  m.subject.startsWith('Management referral submitted') && m.body.includes(id.slice(0, 8).toUpperCase());

describe('the production processes, built', () => {
  it('migrate, worker and API run from dist/, serve a referral, and exit 0 on SIGTERM, leaving nothing', async () => {
    const port = await freePort();
    const env = productionEnv(port);
    const migrate = await start('db/migrate.js', env);
    expect(await exitOf(migrate)).toEqual({ code: 0, signal: null });
    expect(migrate.output()).toContain('Database is up to date.');

    const worker = await start('worker/main.js', env, 'Worker polling');
    const api = await start('api/server.js', env, 'API listening');
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base}/api/ready`)).json()).toEqual({ database: 'ok', temporal: 'ok' });

    const referrer = await signedIn(base, world.referrer.username);
    const created = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    expect(created.status).toBe(201);
    const submit = await referrer.post(`/api/referrals/${created.body.id}/submit`);
    expect(submit).toMatchObject({ status: 200, body: { status: 'pending_triage' } });
    await smtp.waitFor(submitted(created.body.id));

    for (const p of [api, worker]) p.child.kill('SIGTERM');
    expect(await exitOf(api)).toEqual({ code: 0, signal: null });
    expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
    expect([api, worker].filter((p) => isRunning(p.child.pid!))).toEqual([]);
    expect(api.output()).toContain('"msg":"stopped"');
  });

  it('the operator’s command runs from dist/ too', async () => {
    const env = productionEnv(await freePort());
    const command = spawn(process.execPath, [path.join(dir, 'dist/bin/casebook.js'), 'search-attributes', 'register'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(command);
    let output = '';
    command.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    command.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    expect(await new Promise((resolve) => command.once('close', resolve))).toBe(0);
    const namespace = inject('temporalNamespace');
    expect(output).toBe(`Temporal namespace ${namespace} already has its search attributes: nothing changed.\n`);
  });

  it('the API finishes a request under way before it exits', async () => {
    const port = await freePort();
    const env = productionEnv(port);
    const worker = await start('worker/main.js', env, 'Worker polling');
    const api = await start('api/server.js', env, 'API listening');
    const base = `http://127.0.0.1:${port}`;
    const referrer = await signedIn(base, world.referrer.username);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });

    // The submit answers once its email is sent; the mail server holds it, so the request is under way.
    const held = smtp.hold();
    const submitting = referrer.post(`/api/referrals/${body.id}/submit`);
    await held.arrived;
    api.child.kill('SIGTERM');
    await waitForOutput(api, '"msg":"shutting down"');
    // Refused now: the API no longer accepts connections.
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    held.release();
    expect(await submitting).toMatchObject({ status: 200, body: { status: 'pending_triage' } });
    expect(await exitOf(api)).toEqual({ code: 0, signal: null });

    worker.child.kill('SIGTERM');
    expect(await exitOf(worker)).toEqual({ code: 0, signal: null });
  });

  it('a worker given SIGTERM mid-activity finishes it; a new worker carries on without repeating it', async () => {
    const env = productionEnv(await freePort());
    const first = await start('worker/main.js', env, 'Worker polling');
    const referrer = await ApiCaller.signIn(sys.app, world.referrer.username, PASSWORD);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const id = body.id as string;

    const held = smtp.hold();
    const submitting = referrer.post(`/api/referrals/${id}/submit`);
    await held.arrived;
    first.child.kill('SIGTERM');
    await waitForOutput(first, '"msg":"shutting down"');
    held.release();
    expect(await exitOf(first)).toEqual({ code: 0, signal: null });
    // Sent and recorded by the worker that was stopping.
    expect(smtp.messages().filter(submitted(id))).toHaveLength(1);
    expect(
      await sys.db('sent_emails').where('key', 'like', `%:referral-submitted`).where('key', 'like', `%${id}%`),
    ).toHaveLength(1);

    const second = await start('worker/main.js', env, 'Worker polling');
    expect(await submitting).toMatchObject({ status: 200, body: { status: 'pending_triage' } });
    expect(smtp.messages().filter(submitted(id))).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
  });
});

describe('start-up checks', () => {
  const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  it('lists every configuration problem at once, without a stack, and exits 1', async () => {
    const env = { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'eighty', TRUST_PROXY: 'everyone' };
    for (const entry of ['api/server.js', 'worker/main.js', 'db/migrate.js']) {
      const p = await start(entry, env);
      expect(await exitOf(p)).toEqual({ code: 1, signal: null });
      for (const variable of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'APP_SECRET', 'DOCUMENT_KEY', 'TRUST_PROXY']) {
        expect(p.output()).toMatch(new RegExp(`^  ${variable}: `, 'm'));
      }
      noStack(p.output());
    }
  });

  it('stops the API and the worker naming TEMPORAL_ADDRESS when Temporal cannot be reached', async () => {
    const closed = await freePort();
    const env = productionEnv(await freePort(), { TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
    const [api, worker] = await Promise.all([start('api/server.js', env), start('worker/main.js', env)]);
    for (const p of [api, worker]) {
      expect(await exitOf(p)).toEqual({ code: 1, signal: null });
      expect(p.output()).toContain(`Cannot reach Temporal at 127.0.0.1:${closed}`);
      expect(p.output()).toContain('Check TEMPORAL_ADDRESS');
      noStack(p.output());
    }
  });

  it('stops every process naming DATABASE_URL when the database cannot be used, without its password', async () => {
    const url = new URL(inject('databaseUrl'));
    url.pathname = '/no_such_database';
    url.password = 'not-printed';
    const env = productionEnv(await freePort(), { DATABASE_URL: url.toString() });
    const started = await Promise.all(
      ['api/server.js', 'worker/main.js', 'db/migrate.js'].map((entry) => start(entry, env)),
    );
    for (const p of started) {
      expect(await exitOf(p)).toEqual({ code: 1, signal: null });
      expect(p.output()).toContain(
        `Cannot use the database DATABASE_URL names (${url.host}/no_such_database): the database does not exist.`,
      );
      expect(p.output()).not.toContain('not-printed');
      noStack(p.output());
    }
  });
});

async function waitForOutput(p: Started, text: string): Promise<void> {
  while (!p.output().includes(text)) {
    if (p.child.exitCode !== null) throw new Error(`exited before "${text}":\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An SMTP server whose deliveries the test can hold, to catch a process in the middle of sending. */
async function startGatedSmtp() {
  const caught: { subject: string; body: string }[] = [];
  let gate: { arrived: () => void; released: Promise<void> } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const parsed = await PostalMime.parse(Buffer.concat(chunks));
        const current = gate;
        if (current) {
          gate = undefined;
          current.arrived();
          await current.released;
        }
        caught.push({ subject: parsed.subject ?? '', body: parsed.text ?? '' });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...caught],
    /** The next message is held, unanswered, until release(). */
    hold() {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      gate = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };
      return { arrived: arrival, release };
    },
    async waitFor(match: (m: { subject: string; body: string }) => boolean) {
      while (!caught.some(match)) await new Promise((r) => setTimeout(r, 50));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
