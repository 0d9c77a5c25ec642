import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_actions', (t) => {
    t.uuid('id').primary();
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    t.text('kind').notNullable(); // appointment | evidence
    t.timestamp('scheduled_at', { useTz: true }).notNullable();
    t.text('status').notNullable().defaultTo('open'); // open | closed | canx | dna
    t.uuid('rebooked_from_id').references('case_actions.id');
    t.uuid('created_by').references('users.id');
    t.timestamps(true, true);
    t.index(['referral_id', 'scheduled_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_actions');
}
