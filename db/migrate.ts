import { loadConfig } from '../config/index.ts';
import { createDb } from './connection.ts';
import { migrateLatest } from './migrate-latest.ts';

// Entry point for `npm run migrate`, as production runs it before api and worker.
const config = loadConfig();
const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrateLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.destroy();
}
