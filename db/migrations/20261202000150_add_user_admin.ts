import type { Knex } from 'knex';

// User and provider administration (issue 13):
// - organisations' service levels in calendar days, which MI's turnaround tab measures against. The MI work may add
//   the same columns with the same names and defaults, hence IF NOT EXISTS (whichever migration runs first adds them).
// - users.status_before_disable: what Enable restores (an account disabled while awaiting activation stays so).
// - email_changes: a provider admin's change of a registered email, so the notice can go to both addresses
//   (workflows carry only this row's id).
// - an index for All Users, ordered by name within an organisation's members.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE organisations
    ADD COLUMN IF NOT EXISTS sla_triage_days integer NOT NULL DEFAULT 2,
    ADD COLUMN IF NOT EXISTS sla_first_appointment_days integer NOT NULL DEFAULT 10,
    ADD COLUMN IF NOT EXISTS sla_advice_letter_days integer NOT NULL DEFAULT 15`);
  await knex.raw(`ALTER TABLE organisations ADD CONSTRAINT organisations_service_levels CHECK (
    sla_triage_days BETWEEN 1 AND 365 AND sla_first_appointment_days BETWEEN 1 AND 365
    AND sla_advice_letter_days BETWEEN 1 AND 365)`);
  await knex.schema.alterTable('users', (t) => {
    t.text('status_before_disable');
  });
  await knex.schema.createTable('email_changes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('old_email').notNullable();
    t.text('new_email').notNullable();
    t.uuid('changed_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });
  await knex.raw('CREATE INDEX users_by_name ON users (surname, first_name, id)');
  await knex.raw('CREATE INDEX users_by_username ON users (username, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX users_by_username');
  await knex.raw('DROP INDEX users_by_name');
  await knex.schema.dropTable('email_changes');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('status_before_disable');
  });
  await knex.raw('ALTER TABLE organisations DROP CONSTRAINT IF EXISTS organisations_service_levels');
  await knex.raw(`ALTER TABLE organisations DROP COLUMN IF EXISTS sla_triage_days,
    DROP COLUMN IF EXISTS sla_first_appointment_days, DROP COLUMN IF EXISTS sla_advice_letter_days`);
}
