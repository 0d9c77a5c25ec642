import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import { startTemporalDevServer } from '../bin/temporal-dev-server.ts';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { temporalCliPath } from '../scripts/temporal-cli-path.ts';
import { buildProcesses } from '../scripts/build.ts';

/**
 * Start time and idle memory of each production process, run the old way (`npm run api|worker|migrate`:
 * npm, sh and tsx in front of node, workflows bundled at start) and the new way (`node dist/...`), and
 * what SIGTERM to the started process leaves behind. Needs PostgreSQL (TEST_DATABASE_URL's server) and
 * the Temporal CLI; starts its own dev server and database and removes them after.
 *
 *   npm run bench:processes              # 3 runs of each, medians
 *   BENCH_RUNS=5 npm run bench:processes
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = 3_000;
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Mode = 'npm + tsx' | 'node dist';
type Kind = 'migrate' | 'worker' | 'api';
type Sample = {
  startMs: number;
  rssMb: number | undefined;
  processes: number | undefined;
  leftAfterSigterm: number | undefined;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The pid and every descendant, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree.filter((pid) => fs.existsSync(`/proc/${pid}`));
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function command(mode: Mode, kind: Kind, dist: string): [string, string[]] {
  if (mode === 'npm + tsx') return ['npm', ['run', '--silent', kind]];
  const entry = { migrate: 'db/migrate.js', worker: 'worker/main.js', api: 'api/server.js' }[kind];
  return [process.execPath, [path.join(dist, entry)]];
}

async function measure(mode: Mode, kind: Kind, dist: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const port = await freePort();
  const [cmd, args] = command(mode, kind, dist);
  const started = performance.now();
  // A process group of its own, so whatever it leaves behind can be found and ended.
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    if (kind === 'migrate') {
      const code = await exited;
      if (code !== 0) throw new Error(`migrate exited ${code}:\n${output}`);
      return {
        startMs: performance.now() - started,
        rssMb: undefined,
        processes: undefined,
        leftAfterSigterm: undefined,
      };
    }
    await ready(kind, child, port, () => output);
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const tree = processTree(child.pid!);
    const rssMb = tree.reduce((sum, pid) => sum + rssKb(pid), 0) / 1024;
    // What Docker and Kubernetes do: SIGTERM to the process they started, then wait.
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    await new Promise((r) => setTimeout(r, 500));
    const left = tree.filter(
      (pid) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '),
    );
    return { startMs, rssMb, processes: tree.length, leftAfterSigterm: left.length };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
}

async function ready(kind: Kind, child: ChildProcess, port: number, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited ${child.exitCode}:\n${output()}`);
    if (kind === 'worker' && output().includes('Worker polling')) return;
    if (kind === 'api') {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-footprint-'));
const dbName = `casebook_footprint_${process.pid}`;
const admin = knex({ client: 'pg', connection: SERVER, pool: { min: 0, max: 1 } });
await admin.raw(`create database ${dbName}`);
const url = new URL(SERVER);
url.pathname = `/${dbName}`;
const temporal = await startTemporalDevServer({
  cli: temporalCliPath(),
  dataDir: work,
  namespace: 'casebook',
  port: await freePort(),
  uiPort: await freePort(),
});
try {
  const db = createDb({ databaseUrl: url.toString(), dataDir: work });
  await migrateLatest(db);
  await db.destroy();
  console.log('Building the processes...');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
  const dist = path.join(work, 'dist');
  await buildProcesses(dist);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `footprint-${randomUUID()}`,
    SMTP_URL: 'smtp://127.0.0.1:25',
    APP_SECRET: randomBytes(24).toString('hex'),
    DOCUMENT_KEY: randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
  };
  const rows: string[] = [];
  for (const kind of ['migrate', 'worker', 'api'] as const) {
    for (const mode of ['npm + tsx', 'node dist'] as const) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(mode, kind, dist, env));
      const rss = samples.map((s) => s.rssMb).filter((v) => v !== undefined);
      const left = samples.map((s) => s.leftAfterSigterm).filter((v) => v !== undefined);
      rows.push(
        [
          kind.padEnd(8),
          mode.padEnd(10),
          `${(median(samples.map((s) => s.startMs)) / 1000).toFixed(2)} s`.padStart(9),
          (rss.length ? `${median(rss).toFixed(0)} MB` : '-').padStart(8),
          String(samples[0]!.processes ?? '-').padStart(9),
          (left.length ? `${Math.max(...left)}` : '-').padStart(14),
        ].join('  '),
      );
    }
  }
  console.log(`\nMedians of ${RUNS} runs; RSS summed over the process tree after ${IDLE_MS / 1000} s idle.\n`);
  console.log(['process ', 'started as', '    start', '    RSS', 'processes', 'left by SIGTERM'].join('  '));
  for (const row of rows) console.log(row);
} finally {
  await temporal.stop();
  await admin.raw(`drop database if exists ${dbName} with (force)`);
  await admin.destroy();
  fs.rmSync(work, { recursive: true, force: true });
}
