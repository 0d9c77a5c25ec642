import type { Server } from 'node:http';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../config/index.ts';
import { API_REQUIREMENTS } from '../config/require-standalone.ts';
import { createDb } from '../db/connection.ts';
import { SetupError } from '../services/describe-error.ts';
import { exitGracefullyOnSignals } from '../services/graceful-shutdown.ts';
import { createLogger, logCrashes } from '../services/logger.ts';
import { createRateLimits } from '../services/rate-limits.ts';
import { createSessionCache } from '../services/session-cache.ts';
import { failStart, requireDatabase, requireSearchAttributes, requireTemporal } from '../services/start-up.ts';
import { connectClient } from '../services/temporal.ts';
import { createApp } from './app.ts';

// The API alone, stateless, as production runs it (any number of them): `node dist/api/server.js`,
// or `npm run api` from source.
const WHO = 'The API';
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, API_REQUIREMENTS);
} catch (error) {
  failStart(WHO, error);
}
const databaseUrl = config.databaseUrl!;
const log = createLogger();
logCrashes(log);
const db = createDb({ databaseUrl, dataDir: config.dataDir });
let temporal: Awaited<ReturnType<typeof connectClient>>;
try {
  await requireDatabase(db, databaseUrl);
  temporal = await requireTemporal(
    () => connectClient({ address: config.temporal.address, namespace: config.temporal.namespace }),
    config.temporal.address,
  );
  await requireSearchAttributes(temporal.connection, config.temporal.namespace);
} catch (error) {
  failStart(WHO, error);
}
const limits = createRateLimits({ databaseUrl });
const sessionCache = createSessionCache(db);
const app = createApp({
  db,
  temporal,
  limits,
  log,
  sessionCache,
  settings: {
    secret: config.secret,
    documentKey: config.documentKey!,
    taskQueue: config.temporal.taskQueue,
    publicUrl: config.http.publicUrl,
    cookieSecure: config.http.cookieSecure,
    trustProxy: config.http.trustProxy,
    webDist: path.resolve('web/dist'),
    ...(config.testPauseBeforeReferralRowMs
      ? { testPauseBeforeReferralRowMs: config.testPauseBeforeReferralRowMs }
      : {}),
  },
});
let server: Server;
try {
  server = await listen(app.fetch, config.http.host, config.http.port);
} catch (error) {
  failStart(WHO, error);
}
log.info({ host: config.http.host, port: config.http.port }, 'API listening');
exitGracefullyOnSignals({
  log,
  stop: async () => {
    // No new connections; requests under way finish, then their connections close instead of idling.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const idle = setInterval(() => server.closeIdleConnections(), 250);
    server.closeIdleConnections();
    await closed.finally(() => clearInterval(idle));
    await temporal.connection.close();
    await limits.close();
    await sessionCache.close();
    await db.destroy();
  },
});

/** Serves once the port is really listening; a port in use or not allowed stops the start, naming HOST and PORT. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Plain HTTP/1.1 (no createServer option): TLS ends at the load balancer.
    const s = serve({ fetch, hostname, port }, () => {
      s.off('error', onError);
      resolve(s as Server);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'is not allowed to this user' : undefined;
      reject(why ? new SetupError(`Port ${port} on ${hostname} ${why}: set PORT (or HOST) to another.`) : error);
    };
    s.once('error', onError);
  });
}
