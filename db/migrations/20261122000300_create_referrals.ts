import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('referrals', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.uuid('form_type_id').notNullable().references('form_types.id');
    t.uuid('author_id').notNullable().references('users.id');
    t.uuid('owner_id').notNullable().references('users.id');
    t.text('status').notNullable();
    t.text('case_number').unique();
    t.jsonb('form_data').notNullable().defaultTo('{}');
    // Copied out of form_data so lists can filter, sort and search on indexes.
    t.text('employee_first_name');
    t.text('employee_surname');
    t.uuid('location_id').references('locations.id');
    t.uuid('division_id').references('divisions.id');
    t.uuid('department_id').references('departments.id');
    t.text('rejection_reason');
    t.text('outcome');
    t.date('recall_date');
    t.timestamp('last_saved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('rejected_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['organisation_id', 'owner_id', 'status']);
    t.index(['status', 'submitted_at']);
  });
  await knex.raw(
    'CREATE INDEX referrals_employee_surname_lower ON referrals (organisation_id, lower(employee_surname))',
  );

  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    // Activities retry; the key makes a retried write land once.
    t.text('event_key').notNullable().unique();
    t.text('type').notNullable();
    t.text('status');
    t.uuid('actor_id').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['referral_id', 'at']);
  });

  await knex.schema.createTable('sent_emails', (t) => {
    t.text('key').primary();
    t.text('template').notNullable();
    t.uuid('recipient_user_id').references('users.id').onDelete('SET NULL');
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sent_emails');
  await knex.schema.dropTable('case_events');
  await knex.schema.dropTable('referrals');
}
