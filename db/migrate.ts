import { loadConfig } from '../config/index.ts';
import { registerConfiguredSearchAttributes } from '../services/register-search-attributes.ts';
import { failStart, requireDatabase } from '../services/start-up.ts';
import { createDb } from './connection.ts';
import { migrateLatest } from './migrate-latest.ts';

// Run once per release before the API and workers: `node dist/db/migrate.js`, or `npm run migrate` from source.
const WHO = 'The migration';
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  failStart(WHO, error);
}
const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  if (config.databaseUrl) await requireDatabase(db, config.databaseUrl);
  const applied = await migrateLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} catch (error) {
  await db.destroy().catch(() => undefined);
  failStart(WHO, error);
}
await db.destroy();
// Best effort: credentials that may not (Temporal Cloud's API keys) leave it to the operator, and the API and
// worker refuse to start naming what is missing. Without TEMPORAL_ADDRESS, npm start's dev server registers them.
if (config.temporal.address) console.log((await registerConfiguredSearchAttributes(config.temporal)).message);
