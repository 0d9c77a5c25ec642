import type { Knex } from 'knex';

// The Triage and Approval queues page through one status oldest first, keyset on
// (coalesce(submitted_at, created_at), id) (db/queries/triage-queue.ts): an index on exactly that lets
// each page start where the last one stopped. It makes the (status, submitted_at) index redundant.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX referrals_queue_order ON referrals (status, (coalesce(submitted_at, created_at)), id)');
  await knex.schema.alterTable('referrals', (t) => t.dropIndex(['status', 'submitted_at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('referrals', (t) => t.index(['status', 'submitted_at']));
  await knex.raw('DROP INDEX referrals_queue_order');
}
