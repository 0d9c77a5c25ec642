import net from 'node:net';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createDb } from '../../db/connection.ts';
import { createLogger } from '../../services/logger.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * Liveness stays cheap; readiness asks PostgreSQL and Temporal, each within a bound, and says which is
 * down, so a load balancer can take the instance out. The outages are apps wired to a closed port.
 */
let sys: TestSystem;
let closedPort: number;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ inProcessWorker: false });
  // A port that was free a moment ago and has nobody listening: connections to it are refused.
  closedPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await sys?.stop();
});

/** The test system's app with some of its dependencies swapped. */
function appWith(swap: Partial<Pick<TestSystem['deps'], 'db' | 'temporal'>>) {
  return createApp({ ...sys.deps, ...swap, log: createLogger({ level: 'silent' }) });
}

describe('GET /api/health and /api/ready', () => {
  it('answers both without a session while PostgreSQL and Temporal are up', async () => {
    const anonymous = new ApiCaller(sys.app);
    expect(await anonymous.get('/api/health')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await anonymous.get('/api/ready')).toMatchObject({ status: 200, body: { database: 'ok', temporal: 'ok' } });
  });

  it('answers 503 naming Temporal when it cannot be reached, while liveness stays 200', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${closedPort}` });
    cleanups.push(() => connection.close());
    const app = appWith({ temporal: new Client({ connection, namespace: 'casebook' }) });
    const res = await new ApiCaller(app).get('/api/ready');
    expect(res).toMatchObject({ status: 503, body: { database: 'ok', temporal: 'unavailable' } });
    expect(await new ApiCaller(app).get('/api/health')).toMatchObject({ status: 200 });
    // The bound: the probe's 2 s with room for a busy machine, well short of a connection's own 10 s timeout.
  }, 8_000);

  it('answers 503 naming the database when PostgreSQL cannot be reached', async () => {
    const db = createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${closedPort}/casebook`, dataDir: os.tmpdir() });
    cleanups.push(() => db.destroy());
    const res = await new ApiCaller(appWith({ db })).get('/api/ready');
    expect(res).toMatchObject({ status: 503, body: { database: 'unavailable', temporal: 'ok' } });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await new ApiCaller(sys.app).get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/ready'].get.responses)).toEqual(['200', '503']);
    expect(doc.paths['/api/health'].get).toBeDefined();
  });
});
