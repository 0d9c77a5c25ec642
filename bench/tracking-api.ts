import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { createDb } from '../db/connection.ts';
import { createLogger } from '../services/logger.ts';
import { createRateLimits } from '../services/rate-limits.ts';

/**
 * The real API (createApp, as api/server.ts composes it) over the bench database, for
 * bench/tracking.ts, which runs it as a child process so the client's work is not
 * counted in the server's. Temporal is a lazy client the list routes never touch.
 *
 * One addition for the bench only, outside the app: a request carrying
 * `x-bench-capture: 1` records the SQL knex ran for it, which `GET /__bench/captured`
 * returns, so the bench times exactly the same SQL directly.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL!;
const db = createDb({ databaseUrl, dataDir: '/tmp' });
const app = createApp({
  db,
  temporal: new Client(),
  limits: createRateLimits({ databaseUrl }),
  log: createLogger({ level: 'warn', destination: process.stderr }),
  settings: {
    taskQueue: 'bench',
    publicUrl: 'http://127.0.0.1',
    cookieSecure: false,
    secret: 'bench-secret-bench-secret-bench-secret',
  },
});

let capturing = false;
let captured: { sql: string; bindings: unknown[] }[] = [];
db.on('query', (q: { sql: string; bindings?: readonly unknown[] }) => {
  if (!capturing) return;
  // The client's 'query' event carries the SQL as sent: $n placeholders, bindings prepared.
  captured.push({ sql: q.sql, bindings: [...(q.bindings ?? [])] });
});

const server = serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: async (req: Request) => {
    if (new URL(req.url).pathname === '/__bench/captured') return Response.json(captured);
    if (req.headers.get('x-bench-capture') !== '1') return app.fetch(req);
    capturing = true;
    captured = [];
    try {
      return await app.fetch(req);
    } finally {
      capturing = false;
    }
  },
});
server.once('listening', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void db.destroy().then(() => process.exit(0));
});
