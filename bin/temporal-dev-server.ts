import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SetupError } from '../services/describe-error.ts';
import { SEARCH_ATTRIBUTES } from '../temporal.config.ts';

export type DevServer = { address: string; uiUrl: string; stop(): Promise<void> };

/**
 * `temporal server start-dev` with a SQLite file in the data folder, so runs
 * survive restarts, the Web UI on, and our search attributes declared.
 */
export async function startTemporalDevServer(options: {
  cli: string;
  dataDir: string;
  namespace: string;
  port: number;
  uiPort: number;
}): Promise<DevServer> {
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--namespace',
    options.namespace,
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--log-level',
    'warn',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  // Its own log file: the dev server is chatty, above all while stopping.
  const log = fs.openSync(path.join(options.dataDir, 'temporal.log'), 'a');
  const child = spawn(options.cli, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `127.0.0.1:${options.port}`;
  await waitForServer(address, exited);
  return { address, uiUrl: `http://127.0.0.1:${options.uiPort}`, stop: () => stopChild(child, exited) };
}

async function waitForServer(address: string, exited: Promise<number | null>): Promise<void> {
  let dead: number | null | undefined;
  void exited.then((code) => (dead = code));
  for (let attempt = 0; attempt < 120; attempt++) {
    if (dead !== undefined)
      throw new SetupError(`The Temporal dev server exited (code ${dead}). Is port ${address} already in use?`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.healthService.check({});
      await connection.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new SetupError(`The Temporal dev server did not answer on ${address}.`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
