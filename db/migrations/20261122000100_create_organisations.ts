import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.boolean('is_provider').notNullable().defaultTo(false);
    t.text('verification_code').notNullable().unique();
    t.text('case_number_prefix').notNullable();
    t.integer('case_number_seq').notNullable().defaultTo(0);
    t.boolean('requires_approval').notNullable().defaultTo(false);
    t.boolean('requires_two_factor').notNullable().defaultTo(false);
    t.boolean('my_account_enabled').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.schema.createTable('email_domains', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('domain').notNullable();
    t.unique(['organisation_id', 'domain']);
  });
  for (const table of ['locations', 'divisions', 'departments']) {
    await knex.schema.createTable(table, (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
      t.text('name').notNullable();
      t.text('code');
      t.unique(['organisation_id', 'name']);
    });
  }
  await knex.schema.createTable('form_types', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('key').notNullable().unique();
    t.text('name').notNullable();
    t.jsonb('definition').notNullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('organisation_form_types', (t) => {
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('form_type_id').notNullable().references('form_types.id').onDelete('CASCADE');
    t.primary(['organisation_id', 'form_type_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'organisation_form_types',
    'form_types',
    'departments',
    'divisions',
    'locations',
    'email_domains',
    'organisations',
  ]) {
    await knex.schema.dropTable(table);
  }
}
