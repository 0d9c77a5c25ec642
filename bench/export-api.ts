import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import type { AppDeps } from '../api/context.ts';
import { createDb } from '../db/connection.ts';
import { createRateLimits } from '../services/rate-limits.ts';

// The API for bench/export.ts, in a process of its own so its peak memory is its own: the app
// as production composes it, on the bench's database. The export never calls Temporal, so
// none is connected.
const databaseUrl = process.env.BENCH_DATABASE_URL!;
const db = createDb({ databaseUrl, dataDir: os.tmpdir() });
const limits = createRateLimits({ databaseUrl });
const app = createApp({
  db,
  temporal: undefined as unknown as AppDeps['temporal'],
  limits,
  settings: {
    secret: randomBytes(24).toString('hex'),
    documentKey: randomBytes(32),
    taskQueue: 'bench',
    publicUrl: 'http://127.0.0.1',
    cookieSecure: false,
  },
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([limits.close(), db.destroy()]).then(() => process.exit(0));
});
