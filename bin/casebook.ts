import type { Client } from '@temporalio/client';
import { loadConfig, type Requirement } from '../config/index.ts';
import { createDb } from '../db/connection.ts';
import { describeError, SetupError, summarizeError } from '../services/describe-error.ts';
import { failStart, requireDatabase, requireTemporal } from '../services/start-up.ts';
import { connectClient } from '../services/temporal.ts';
import { helpFor, runOperatorCommand } from './operator/cli.ts';

// The operator's commands (organisations, the provider, invitations, search attributes):
// `node dist/bin/casebook.js <command>`, or `npm run casebook -- <command>` from source.
const WHO = 'The casebook command';
// npm start's embedded database allows one process only: this command works on a server, as the API does.
const NEEDS_DATABASE: Requirement = {
  variable: 'DATABASE_URL',
  why: 'required by the casebook command (a PostgreSQL connection string; not the embedded database of npm start)',
};
const help = helpFor(process.argv.slice(2));
if (help) {
  console.log(help);
  process.exit(0);
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, [NEEDS_DATABASE]);
} catch (error) {
  failStart(WHO, error);
}
const databaseUrl = config.databaseUrl!;
const db = createDb({ databaseUrl, dataDir: config.dataDir });
let temporal: Client | undefined;
let code = 1;
try {
  await requireDatabase(db, databaseUrl);
  const { address, namespace, taskQueue } = config.temporal;
  code = await runOperatorCommand(process.argv.slice(2), {
    db,
    temporal: async () => (temporal ??= await requireTemporal(() => connectClient({ address, namespace }), address)),
    temporalConfig: { address, namespace },
    settings: { taskQueue },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
} catch (error) {
  // Our own words for a SetupError (a server that does not answer); a code and frames otherwise, never values.
  console.error(error instanceof SetupError ? error.message : `Failed: ${summarizeError(describeError(error))}`);
  code = 1;
} finally {
  await temporal?.connection.close().catch(() => undefined);
  await db.destroy().catch(() => undefined);
}
process.exit(code);
