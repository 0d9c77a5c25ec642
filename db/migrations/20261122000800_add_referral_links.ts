import type { Knex } from 'knex';

// A re-referral from a closed case points back to it (Linked Cases).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('referrals', (t) => {
    t.uuid('previous_referral_id').references('referrals.id').onDelete('SET NULL');
    t.index(['previous_referral_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('referrals', (t) => t.dropColumn('previous_referral_id'));
}
