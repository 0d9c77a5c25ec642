import type { Knex } from 'knex';

/** One round trip to PostgreSQL that reads nothing (readiness and start-up checks). */
export async function pingDatabase(db: Knex): Promise<void> {
  await db.raw('select 1');
}
