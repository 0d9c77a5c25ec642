import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { createDb } from '../db/connection.ts';
import { createLogger } from '../services/logger.ts';
import { createRateLimits } from '../services/rate-limits.ts';
import { createSessionCache } from '../services/session-cache.ts';

/**
 * The real API (createApp, as api/server.ts composes it) over the bench database, for
 * bench/tracking.ts, which runs it as a child process so the client's work is not
 * counted in the server's. Temporal is a lazy client the list routes never touch.
 *
 * Two additions for the bench only, outside the app: a request carrying
 * `x-bench-capture: 1` records the SQL knex ran for it, which `GET /__bench/captured`
 * returns; `POST /__bench/sql` runs given SQL directly on this process's pool (pg, no
 * knex, no handler) and answers how long it took, so the bench times exactly the same
 * SQL on the same PostgreSQL backends the API's requests use.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL!;
const db = createDb({ databaseUrl, dataDir: '/tmp' });
const app = createApp({
  db,
  sessionCache: createSessionCache(db),
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

type Captured = { sql: string; bindings: unknown[] };
/** The pg connection knex's pool holds; the bench runs its SQL on it as the API's requests do. */
type PooledConnection = { query: (sql: string, bindings: unknown[]) => Promise<unknown> };
const pool = db.client as unknown as {
  acquireConnection: () => Promise<PooledConnection>;
  releaseConnection: (c: PooledConnection) => Promise<void>;
};

/**
 * A page's SQL run directly, timed here: in sequence on one pooled connection, or side by side on
 * one each (an MI tab's queries, as the API runs them). The pool hands out its most recently used
 * connection first, so the SQL runs on the backend the API's request just used: a PostgreSQL
 * backend's speed depends on its own history (README, Performance, "Why the SQL is now timed on
 * the API's connections"), and a separate client's backends could be in another state.
 */
async function runDirect(queries: Captured[], parallel: boolean): Promise<number> {
  const run = async (batch: Captured[]) => {
    const connection = await pool.acquireConnection();
    try {
      for (const q of batch) await connection.query(q.sql, q.bindings);
    } finally {
      await pool.releaseConnection(connection);
    }
  };
  const t = performance.now();
  if (parallel) await Promise.all(queries.map((q) => run([q])));
  else await run(queries);
  return performance.now() - t;
}

let capturing = false;
let captured: Captured[] = [];
db.on('query', (q: { sql: string; bindings?: readonly unknown[] }) => {
  if (!capturing) return;
  // The client's 'query' event carries the SQL as sent: $n placeholders, bindings prepared.
  captured.push({ sql: q.sql, bindings: [...(q.bindings ?? [])] });
});

const server = serve({
  hostname: '127.0.0.1',
  port: 0,
  fetch: async (req: Request) => {
    const { pathname } = new URL(req.url);
    if (pathname === '/__bench/captured') return Response.json(captured);
    if (pathname === '/__bench/sql') {
      const { queries, parallel } = (await req.json()) as { queries: Captured[]; parallel: boolean };
      try {
        return Response.json({ ms: await runDirect(queries, parallel) });
      } catch (error) {
        // The bench's own SQL failing is the bench's error to show, with PostgreSQL's message.
        return Response.json({ error: String(error) }, { status: 500 });
      }
    }
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
