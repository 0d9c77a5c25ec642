import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { AppDeps } from '../../api/context.ts';
import { createDb } from '../../db/connection.ts';
import { createLogger, type DestinationStream, type Log } from '../../services/logger.ts';
import { startMailCatcher, type MailCatcher } from '../../bin/mail-catcher.ts';
import { createRateLimits } from '../../services/rate-limits.ts';
import { createSessionCache } from '../../services/session-cache.ts';
import { createMailer } from '../../services/mailer.ts';
import { connectClient, connectWorkerConnection } from '../../services/temporal.ts';
import type { TrustProxy } from '../../services/trusted-proxies.ts';
import type { Durations } from '../../temporal.config.ts';
import { createWorker } from '../../worker/create-worker.ts';
import { installTemporalRuntime } from '../../worker/runtime-logger.ts';

// The runtime is installed once per process, but each system may want its lines: they go to the
// logger of the latest system started, kept on globalThis so an earlier install (from another copy of
// this module in the same process) follows it too.
const RUNTIME_LOG = Symbol.for('casebook.test.runtimeLog');
const slot = globalThis as unknown as Record<symbol, Log | undefined>;
slot[RUNTIME_LOG] ??= createLogger();
try {
  installTemporalRuntime(() => slot[RUNTIME_LOG]!);
} catch {
  // Already installed by an earlier system in this process.
}

export type TestSystem = {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: Knex;
  temporal: Client;
  mail: MailCatcher;
  taskQueue: string;
  publicUrl: string;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The whole back end in this process, against the run's real PostgreSQL and
 * Temporal server: API app, worker on a task queue of its own, mail catcher.
 */
export async function startTestSystem(
  options: {
    durations?: Partial<Durations>;
    publicUrl?: string;
    webDist?: string;
    inProcessWorker?: boolean;
    rateLimitScale?: number;
    /** TRUST_PROXY as the API would have it from the environment. */
    trustProxy?: TrustProxy;
    /** Where the API's and the Temporal runtime's log lines go (stdout when not given). */
    logDestination?: DestinationStream;
    /** A database of the test's own (migrated), instead of the run's shared one. */
    databaseUrl?: string;
    /** The API's way to Temporal, when a test stands something in between (the worker keeps the run's server). */
    clientTemporalAddress?: string;
  } = {},
): Promise<TestSystem> {
  const log = createLogger(options.logDestination ? { destination: options.logDestination } : {});
  if (options.logDestination) slot[RUNTIME_LOG] = log;
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  const db = createDb({ databaseUrl, dataDir: os.tmpdir(), poolMax: 5 });
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-mail-'));
  const mail = await startMailCatcher({ port: 0, dir: mailDir });
  const mailer = createMailer({ smtpUrl: mail.smtpUrl, from: 'Casebook <no-reply@casebook.test>' });
  const temporal = await connectClient({
    address: options.clientTemporalAddress ?? inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
  });
  const taskQueue = `test-${randomUUID()}`;
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let connection: Awaited<ReturnType<typeof connectWorkerConnection>> | undefined;
  async function startWorker() {
    connection = await connectWorkerConnection(inject('temporalAddress'));
    worker = await createWorker({
      connection,
      namespace: inject('temporalNamespace'),
      taskQueue,
      workflowBundlePath: inject('workflowBundlePath'),
      activityDeps: { db, mailer, publicUrl },
    });
    running = worker.run();
  }
  async function stopWorker() {
    worker?.shutdown();
    await running;
    await connection?.close();
    worker = undefined;
  }
  if (options.inProcessWorker !== false) await startWorker();

  const limits = createRateLimits({ databaseUrl, scale: options.rateLimitScale ?? 100, namespace: `${taskQueue}:` });
  const sessionCache = createSessionCache(db);
  const deps: AppDeps = {
    db,
    temporal,
    limits,
    log,
    sessionCache,
    settings: {
      secret: 'test-secret-test-secret-test-secret-0123',
      documentKey: randomBytes(32),
      taskQueue,
      publicUrl,
      cookieSecure: false,
      ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
      ...(options.durations ? { durations: options.durations } : {}),
      ...(options.webDist ? { webDist: options.webDist } : {}),
    },
  };
  return {
    app: createApp(deps),
    deps,
    db,
    temporal,
    mail,
    taskQueue,
    publicUrl,
    startWorker,
    stopWorker,
    async stop() {
      await stopWorker();
      await temporal.connection.close();
      await limits.close();
      await sessionCache.close();
      mailer.close();
      await mail.close();
      await db.destroy();
      fs.rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
