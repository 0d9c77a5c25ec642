import type { Knex } from 'knex';

// The visibility predicate (db/queries/visibility.ts) is an OR: drafts and rejected
// referrals by author, everything else by owner. With an index for each arm the
// planner can answer a user with few visible owners from the indexes (a BitmapOr)
// instead of reading every case of the organisation.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "CREATE INDEX referrals_author_only ON referrals (organisation_id, author_id) WHERE status IN ('draft', 'rejected')",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX referrals_author_only');
}
