import { loadConfig } from '../config/index.ts';
import { smtpUrlOf, WORKER_REQUIREMENTS } from '../config/require-standalone.ts';
import { createDb } from '../db/connection.ts';
import { exitGracefullyOnSignals } from '../services/graceful-shutdown.ts';
import { createLogger, logCrashes } from '../services/logger.ts';
import { createMailer } from '../services/mailer.ts';
import { ensureMiPackSchedule } from '../services/mi-schedule.ts';
import { failStart, requireDatabase, requireSearchAttributes, requireTemporal } from '../services/start-up.ts';
import { connectWorkerConnection } from '../services/temporal.ts';
import { Client } from '@temporalio/client';
import { createWorker } from './create-worker.ts';
import { installTemporalRuntime } from './runtime-logger.ts';
import { builtWorkflowBundle } from './workflow-bundle.ts';

// The worker alone, as production runs it (any number of them): `node dist/worker/main.js`,
// or `npm run worker` from source.
const WHO = 'The worker';
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, WORKER_REQUIREMENTS);
} catch (error) {
  failStart(WHO, error);
}
const databaseUrl = config.databaseUrl!;
const log = createLogger();
logCrashes(log);
// SDK and native core lines go through the same logger, reduced to ids and codes.
installTemporalRuntime(log);
const db = createDb({ databaseUrl, dataDir: config.dataDir });
const mailer = createMailer({ smtpUrl: smtpUrlOf(config), from: config.mail.from });
let worker: Awaited<ReturnType<typeof createWorker>>;
let connection: Awaited<ReturnType<typeof connectWorkerConnection>>;
try {
  await requireDatabase(db, databaseUrl);
  connection = await requireTemporal(() => connectWorkerConnection(config.temporal.address), config.temporal.address);
  await requireSearchAttributes(connection, config.temporal.namespace);
  // The monthly MI packs' schedule, created once (every worker asks; the first creates it).
  await ensureMiPackSchedule(new Client({ connection, namespace: config.temporal.namespace }), {
    taskQueue: config.temporal.taskQueue,
  });
  const workflowBundlePath = builtWorkflowBundle(import.meta.url);
  worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activityDeps: { db, mailer, publicUrl: config.http.publicUrl },
    ...(workflowBundlePath ? { workflowBundlePath } : {}),
  });
} catch (error) {
  failStart(WHO, error);
}
const running = worker.run();
exitGracefullyOnSignals({
  log,
  // Stops polling, lets in-flight workflow and activity tasks finish (shutdownGraceTime), then closes.
  stop: async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    mailer.close();
    await db.destroy();
  },
});
log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'Worker polling');
// A worker that stops on its own (a fatal SDK error) takes the process with it, and the supervisor restarts it.
running.catch((error: unknown) => {
  log.fatal({ err: error }, 'worker stopped');
  process.exit(1);
});
