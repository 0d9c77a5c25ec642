import type { Knex } from 'knex';

// The employee "contains" filter (ILIKE '%son%') is estimated from the statistics ANALYZE keeps on its
// trigram index's expression. At the default target (a 30,000-row sample of a million cases) about one
// ANALYZE in eight (3 of 22) estimated so few matches that, for the top of a large hierarchy filtering closed
// cases by employee and location, the planner read every match through the index and sorted them (75 ms,
// 250 ms cold) instead of walking the newest cases first until the page filled (8 to 12 ms). At 400, 2 of
// 24 still did; at 1000 (a 300,000-row sample) none of 24 did, for an ANALYZE of referrals that takes 11 s
// instead of 1.3 s at a million cases (autovacuum's, in the background). The index exists only where
// pg_trgm does (not on the embedded database).
const INDEX = 'referrals_contains_employee';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER INDEX IF EXISTS ${INDEX} ALTER COLUMN 1 SET STATISTICS 1000`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER INDEX IF EXISTS ${INDEX} ALTER COLUMN 1 SET STATISTICS -1`);
}
