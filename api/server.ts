import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../config/index.ts';
import { createDb } from '../db/connection.ts';
import { requireSharedServices } from '../config/require-standalone.ts';
import { createLogger, logCrashes } from '../services/logger.ts';
import { createRateLimits } from '../services/rate-limits.ts';
import { connectClient } from '../services/temporal.ts';
import { createApp } from './app.ts';

// `npm run api`: the API alone, stateless, as production runs it (any number of them).
const config = loadConfig();
const log = createLogger();
logCrashes(log);
const { databaseUrl } = requireSharedServices(config, 'The API');
if (!config.documentKey) {
  console.error('The API needs DOCUMENT_KEY (32 random bytes, base64: openssl rand -base64 32) to store documents encrypted.');
  process.exit(2);
}
const db = createDb({ databaseUrl, dataDir: config.dataDir });
const temporal = await connectClient({ address: config.temporal.address, namespace: config.temporal.namespace });
const limits = createRateLimits({ databaseUrl });
const app = createApp({
  db,
  temporal,
  limits,
  log,
  settings: {
    secret: config.secret,
    documentKey: config.documentKey,
    taskQueue: config.temporal.taskQueue,
    publicUrl: config.http.publicUrl,
    cookieSecure: config.http.cookieSecure,
    webDist: path.resolve('web/dist'),
  },
});
const server = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port }, (info) =>
  log.info({ address: info.address, port: info.port }, 'API listening'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void temporal.connection.close().then(() => limits.close()).then(() => db.destroy());
  });
}
