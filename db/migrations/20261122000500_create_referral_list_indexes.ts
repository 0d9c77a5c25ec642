import type { Knex } from 'knex';

// Track Referrals sorts by last activity: an index in that order lets a page of
// 50 stop after 50 visible rows instead of sorting every case the user may see.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX referrals_org_updated ON referrals (organisation_id, updated_at DESC, id DESC)');
  await knex.raw('CREATE INDEX referrals_owner_updated ON referrals (owner_id, updated_at DESC, id DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX referrals_owner_updated');
  await knex.raw('DROP INDEX referrals_org_updated');
}
