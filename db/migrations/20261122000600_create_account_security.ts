import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Single-use emailed links (activation, password reset): only a hash of the token is kept.
  await knex.schema.createTable('auth_tokens', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('purpose').notNullable();
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('invalidated_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'purpose']);
  });
  await knex.schema.alterTable('users', (t) => {
    t.binary('totp_key');
    t.boolean('two_factor_enabled').notNullable().defaultTo(false);
    t.timestamp('activated_at', { useTz: true });
  });
  await knex.schema.createTable('recovery_codes', (t) => {
    t.bigIncrements('id');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('code_hash').notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id']);
  });
  await knex.schema.alterTable('sessions', (t) => {
    // Password right, second factor still owed: such a session opens nothing else.
    t.boolean('two_factor_pending').notNullable().defaultTo(false);
  });
  // rate-limiter-flexible's Postgres store (used when DATABASE_URL is set).
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rate_limits');
  await knex.schema.alterTable('sessions', (t) => t.dropColumn('two_factor_pending'));
  await knex.schema.dropTable('recovery_codes');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('activated_at');
    t.dropColumn('two_factor_enabled');
    t.dropColumn('totp_key');
  });
  await knex.schema.dropTable('auth_tokens');
}
