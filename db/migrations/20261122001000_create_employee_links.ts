import type { Knex } from 'knex';

// Single-use links for the referred employee, who has no account: consent now, letter review later.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('employee_links', (t) => {
    t.uuid('id').primary();
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    t.text('purpose').notNullable();
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['referral_id', 'purpose']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('employee_links');
}
