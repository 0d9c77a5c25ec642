import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../bin/demo-data.ts';

/**
 * `npm start` as a new user runs it: embedded database, its own Temporal dev
 * server and mail catcher, demo data on the first run only. Ctrl-C must leave
 * no process behind, and a second start must keep the data.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-launcher-'));
let child: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Chosen afresh for each start: a port left free minutes earlier may since be in use by another test's connection.
let ports = { http: 0, temporal: 0, ui: 0, smtp: 0, mailbox: 0 };
let base = '';

async function start(): Promise<string> {
  ports = {
    http: await freePort(),
    temporal: await freePort(),
    ui: await freePort(),
    smtp: await freePort(),
    mailbox: await freePort(),
  };
  base = `http://127.0.0.1:${ports.http}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: String(ports.http),
    PUBLIC_URL: base,
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    SMTP_PORT: String(ports.smtp),
    MAILBOX_PORT: String(ports.mailbox),
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'TEMPORAL_NAMESPACE']) delete env[name];
  // DEBUG_LAUNCHER=1 echoes the launcher's own output, for a failure that only a full run shows.
  child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`launcher did not start:\n${out}`)), 150_000);
    child!.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (process.env.DEBUG_LAUNCHER) process.stderr.write(c);
      if (out.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child!.stderr!.on('data', (c: Buffer) => {
      out += c.toString();
      if (process.env.DEBUG_LAUNCHER) process.stderr.write(c);
    });
    child!.once('exit', (code) => reject(new Error(`launcher exited (${code}):\n${out}`)));
  });
}

function stop(): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child?.kill('SIGKILL'), 30_000);
    child!.removeAllListeners('exit');
    child!.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child!.kill('SIGINT');
  });
}

/** Processes still running whose command line names our data folder (the dev server's SQLite file). */
function leftovers(): string[] {
  try {
    return execFileSync('pgrep', ['-af', dataDir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

async function signedIn(username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (p: string) => fetch(`${base}${p}`, { headers: { cookie } }).then((r) => r.json() as Promise<any>);
}

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('brings everything up with demo data, and Ctrl-C stops every process', async () => {
    const output = await start();
    expect(output).toContain('Demo data loaded');
    for (const line of [
      `Portal:       ${base}`,
      '/api/docs',
      `http://127.0.0.1:${ports.ui}/namespaces/casebook/workflows`,
      `http://127.0.0.1:${ports.mailbox}`,
    ]) {
      expect(output).toContain(line);
    }
    const get = await signedIn('demo.referrer');
    const open = await get('/api/referrals?tab=open');
    expect(open.rows.map((r: { caseNumber: string }) => r.caseNumber)).toContain('CSM/OM/MD/1');
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/api/docs`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    const mailbox = await (await fetch(`http://127.0.0.1:${ports.mailbox}/`)).text();
    expect(mailbox).toContain('referral accepted: case CSM/OM/MD/1');

    expect(leftovers().length).toBeGreaterThan(0);
    expect(await stop()).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('keeps the data on a second start, without loading the demo again', async () => {
    const output = await start();
    expect(output).not.toContain('Demo data loaded');
    const get = await signedIn('demo.clinician');
    const queue = await get('/api/triage');
    expect(queue.rows.length).toBeGreaterThan(0);
    expect(await stop()).toBe(0);
    expect(leftovers()).toEqual([]);
  });
});
