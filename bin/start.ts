import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { loadConfig } from '../config/index.ts';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { hasOrganisations } from '../db/queries/organisations.ts';
import { createLogger, logCrashes, summarizeError, describeError } from '../services/logger.ts';
import { mailboxApp, startMailCatcher } from './mail-catcher.ts';
import { createMailer } from '../services/mailer.ts';
import { createRateLimits } from '../services/rate-limits.ts';
import { createSessionCache } from '../services/session-cache.ts';
import { registerSearchAttributes } from '../services/search-attributes.ts';
import { ensureMiPackSchedule } from '../services/mi-schedule.ts';
import { failStart } from '../services/start-up.ts';
import { connectClient, connectWorkerConnection } from '../services/temporal.ts';
import { temporalCliPath } from '../scripts/temporal-cli-path.ts';
import { createWorker } from '../worker/create-worker.ts';
import { installTemporalRuntime } from '../worker/runtime-logger.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoData } from './demo-data.ts';
import { startTemporalDevServer } from './temporal-dev-server.ts';

/**
 * `npm start`: the whole system in one command. Starts what is not given by the
 * environment (Temporal dev server, SMTP catcher, embedded PostgreSQL), migrates,
 * loads demo data on the first run, runs worker and API, and stops it all on Ctrl-C.
 */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  failStart('Casebook', error);
}
const log = createLogger();
// Worker internals (bundling, state changes) only when something is wrong.
installTemporalRuntime(log);
fs.mkdirSync(config.dataDir, { recursive: true });
const stops: (() => Promise<void> | void)[] = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Casebook...');
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      log.error({ err: error }, 'while stopping');
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());
// A crash stops the dev server and the rest too, as Ctrl-C would.
logCrashes(log, (code) => void stopAll(code));

try {
  // Temporal
  let temporalAddress = config.temporal.address;
  let temporalUi = 'your Temporal cluster UI';
  if (!temporalAddress) {
    const server = await startTemporalDevServer({
      cli: temporalCliPath(config.temporal.cli),
      dataDir: config.dataDir,
      namespace: config.temporal.namespace,
      port: config.temporal.devServerPort,
      uiPort: config.temporal.uiPort,
    });
    stops.push(() => server.stop());
    temporalAddress = server.address;
    temporalUi = `${server.uiUrl}/namespaces/${config.temporal.namespace}/workflows`;
  }
  const temporal = await connectClient({ address: temporalAddress, namespace: config.temporal.namespace });
  stops.push(() => temporal.connection.close());
  // An existing SQLite file ignores --search-attribute flags that are new to it.
  await registerSearchAttributes(temporal.connection, config.temporal.namespace);
  await ensureMiPackSchedule(temporal, { taskQueue: config.temporal.taskQueue });

  // Email
  let smtpUrl = config.mail.smtpUrl;
  let mailboxUrl = 'your SMTP relay';
  if (!smtpUrl) {
    const catcher = await startMailCatcher({
      port: config.mail.catcherSmtpPort,
      dir: path.join(config.dataDir, 'mail'),
    });
    stops.push(() => catcher.close());
    smtpUrl = catcher.smtpUrl;
    if (config.env !== 'production') {
      const mailbox = await listen(mailboxApp(catcher).fetch, '127.0.0.1', config.mail.mailboxPort);
      stops.push(() => void mailbox.close());
      mailboxUrl = `http://127.0.0.1:${config.mail.mailboxPort}`;
    }
  }
  const mailer = createMailer({ smtpUrl, from: config.mail.from });
  stops.push(() => mailer.close());

  // PostgreSQL (embedded PGlite unless DATABASE_URL is set)
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  stops.push(() => db.destroy());
  await migrateLatest(db);

  // Worker and API
  const connection = await connectWorkerConnection(temporalAddress);
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activityDeps: { db, mailer, publicUrl: config.http.publicUrl },
  });
  const running = worker.run();
  stops.push(async () => {
    // Temporal's runtime may already be draining it on the same SIGINT.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
  });
  const limits = createRateLimits({ databaseUrl: config.databaseUrl });
  stops.push(() => limits.close());
  const sessionCache = createSessionCache(db);
  stops.push(() => sessionCache.close());
  const deps = {
    db,
    temporal,
    limits,
    log,
    sessionCache,
    settings: {
      secret: config.secret,
      documentKey: config.documentKey ?? localDocumentKey(config.dataDir),
      taskQueue: config.temporal.taskQueue,
      publicUrl: config.http.publicUrl,
      cookieSecure: config.http.cookieSecure,
      trustProxy: config.http.trustProxy,
      webDist: path.resolve('web/dist'),
    },
  };
  const http = await listen(createApp(deps).fetch, config.http.host, config.http.port);
  stops.push(() => new Promise<void>((resolve) => http.close(() => resolve())));

  const firstRun = !(await hasOrganisations(db));
  if (firstRun) await loadDemoData(deps);

  const lines = [
    '',
    'Casebook is running.',
    `  Portal:       ${config.http.publicUrl}`,
    `  API docs:     ${config.http.publicUrl}/api/docs`,
    `  Temporal UI:  ${temporalUi}`,
    ...(config.temporal.address ? [] : [`  Temporal log: ${path.join(config.dataDir, 'temporal.log')}`]),
    `  Mailbox:      ${mailboxUrl}`,
    `  Database:     ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${path.join(config.dataDir, 'pglite')}`}`,
    '',
    `${firstRun ? 'Demo data loaded. ' : ''}Demo logins, all with the password ${DEMO_PASSWORD}:`,
    ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(24)} ${l.role} - ${l.organisation}`),
    '',
    'Press Ctrl-C to stop everything.',
  ];
  console.log(lines.join('\n'));
} catch (error) {
  // For the person at the terminal, reduced like any log line: a SetupError keeps its wording, others their code.
  console.error(`\nCasebook could not start: ${summarizeError(describeError(error))}`);
  await stopAll(1);
}

/** A key kept in the data folder for local use, made on the first run. Production sets DOCUMENT_KEY. */
function localDocumentKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'document.key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return Buffer.from(fs.readFileSync(file, 'utf8'), 'base64');
}

/** Serves `fetch` once the port is really listening; a port in use fails the start with its reason, not later. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
  });
}
