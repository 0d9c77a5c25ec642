import { loadConfig } from '../config/index.ts';
import { createDb } from '../db/connection.ts';
import { requireSharedServices } from '../bin/require-standalone.ts';
import { createMailer } from '../services/mailer.ts';
import { connectWorkerConnection } from '../services/temporal.ts';
import { createWorker } from './create-worker.ts';

// `npm run worker`: the worker alone, as production runs it (any number of them).
const config = loadConfig();
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
console.log(`Worker polling task queue "${config.temporal.taskQueue}" in namespace "${config.temporal.namespace}"`);
// run() returns once SIGINT/SIGTERM has let in-flight tasks finish.
await worker.run();
await connection.close();
mailer.close();
await db.destroy();
