import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('username').notNullable();
    t.text('email').notNullable();
    t.text('password_hash').notNullable();
    t.text('title');
    t.text('first_name').notNullable();
    t.text('surname').notNullable();
    t.text('job_title');
    t.text('telephone');
    t.text('work_address');
    t.text('work_postcode');
    t.text('status').notNullable().defaultTo('pending');
    t.integer('failed_login_count').notNullable().defaultTo(0);
    t.timestamp('locked_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
  });
  // Usernames and emails are unique whatever their case.
  await knex.raw('CREATE UNIQUE INDEX users_username_lower ON users (lower(username))');
  await knex.raw('CREATE UNIQUE INDEX users_email_lower ON users (lower(email))');

  await knex.schema.createTable('memberships', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    // The hierarchy: "Select your manager" at registration, not necessarily the line manager.
    t.uuid('manager_id').references('users.id');
    t.uuid('location_id').references('locations.id');
    t.uuid('division_id').references('divisions.id');
    t.uuid('department_id').references('departments.id');
    t.specificType('permissions', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('active');
    t.timestamps(true, true);
    t.unique(['user_id', 'organisation_id']);
    t.index(['organisation_id', 'manager_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    // sha256 of the token: a leaked table gives no usable session.
    t.text('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });

  await knex.schema.createTable('shares', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('viewer_id').notNullable().references('users.id').onDelete('CASCADE');
    t.boolean('notify').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organisation_id', 'owner_id', 'viewer_id']);
    t.index(['organisation_id', 'viewer_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('shares');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('memberships');
  await knex.schema.dropTable('users');
}
