import { loadConfig } from '../config/index.ts';
import { createDb } from '../db/connection.ts';
import { requireSharedServices } from '../config/require-standalone.ts';
import { createLogger, logCrashes } from '../services/logger.ts';
import { createMailer } from '../services/mailer.ts';
import { connectWorkerConnection } from '../services/temporal.ts';
import { createWorker } from './create-worker.ts';
import { installTemporalRuntime } from './runtime-logger.ts';

// `npm run worker`: the worker alone, as production runs it (any number of them).
const config = loadConfig();
const log = createLogger();
logCrashes(log);
// SDK and native core lines go through the same logger, reduced to ids and codes.
installTemporalRuntime(log);
const { databaseUrl, smtpUrl } = requireSharedServices(config, 'The worker');
const db = createDb({ databaseUrl, dataDir: config.dataDir });
const mailer = createMailer({ smtpUrl, from: config.mail.from });
const connection = await connectWorkerConnection(config.temporal.address);
const worker = await createWorker({
  connection,
  namespace: config.temporal.namespace,
  taskQueue: config.temporal.taskQueue,
  activityDeps: { db, mailer, publicUrl: config.http.publicUrl },
});
log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'Worker polling');
// run() returns once SIGINT/SIGTERM has let in-flight tasks finish.
await worker.run();
await connection.close();
mailer.close();
await db.destroy();
