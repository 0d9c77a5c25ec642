import type { Knex } from 'knex';

/**
 * Wrong passwords for usernames that do not exist, counted like a real
 * account's failed_login_count so that both lock after the same number of
 * tries and the answers do not tell which usernames exist. Keyed by the
 * lower-cased username; rows expire a day after their last failure.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.text('username_key').primary();
    t.integer('failure_count').notNullable();
    t.timestamp('last_failed_at', { useTz: true }).notNullable();
    t.index(['last_failed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sign_in_failures');
}
