import { type ChildProcess, spawn } from 'node:child_process';
import { inject } from 'vitest';
import type { TestSystem } from './test-system.ts';

/**
 * A real worker process (`npm run worker`'s entry point) on the test system's task queue, resolved once
 * it polls; the crash tests kill it with SIGKILL. `children` collects it so afterAll can reap it.
 */
export function startWorkerProcess(sys: TestSystem, children: ChildProcess[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_NAMESPACE: inject('temporalNamespace'),
      TEMPORAL_TASK_QUEUE: sys.taskQueue,
      SMTP_URL: sys.mail.smtpUrl,
      PUBLIC_URL: sys.publicUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker polling')) resolve(child);
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}):\n${output}`)));
  });
}

/** SIGKILL: the process gets no chance to finish what it was doing. */
export function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
