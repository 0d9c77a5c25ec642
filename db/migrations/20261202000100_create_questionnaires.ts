import type { Knex } from 'knex';

/**
 * Health questionnaires (SPEC section 6). `questionnaires` has the columns the one visibility
 * predicate reads (organisation_id, owner_id, author_id, status), so it applies unchanged. The
 * employee's answers (and any question a clinician returns with) are sealed with AES-256-GCM; the
 * employee's credential, codes, links and sessions are kept as hashes only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaire_types', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('key').notNullable().unique();
    t.text('name').notNullable();
    t.jsonb('definition').notNullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('organisation_questionnaire_types', (t) => {
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('questionnaire_type_id').notNullable().references('questionnaire_types.id').onDelete('CASCADE');
    t.primary(['organisation_id', 'questionnaire_type_id']);
  });
  await knex.schema.createTable('questionnaires', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id');
    t.uuid('questionnaire_type_id').notNullable().references('questionnaire_types.id');
    t.uuid('author_id').notNullable().references('users.id');
    t.uuid('owner_id').notNullable().references('users.id');
    t.text('status').notNullable();
    t.text('employee_first_name').notNullable();
    t.text('employee_surname').notNullable();
    t.text('employee_job_title').notNullable();
    t.text('employee_email').notNullable();
    t.text('outcome');
    // The sealed answers: { answers, returns: [{ question, answer }] } as JSON.
    t.binary('content_iv');
    t.binary('content_tag');
    t.binary('content_ciphertext');
    t.uuid('referral_id').references('referrals.id').onDelete('SET NULL');
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['organisation_id', 'owner_id', 'status']);
    t.index(['status', 'updated_at']);
    t.index(['employee_email']);
  });
  await knex.raw(
    'CREATE INDEX questionnaires_employee_surname_lower ON questionnaires (organisation_id, lower(employee_surname))',
  );
  await knex.schema.createTable('questionnaire_credentials', (t) => {
    t.uuid('questionnaire_id').primary().references('questionnaires.id').onDelete('CASCADE');
    t.text('code_hash');
    t.timestamp('code_expires_at', { useTz: true });
    t.integer('code_attempts').notNullable().defaultTo(0);
    t.text('password_hash');
    t.integer('failed_sign_ins').notNullable().defaultTo(0);
    t.timestamps(true, true);
  });
  await knex.schema.createTable('questionnaire_links', (t) => {
    t.uuid('id').primary();
    t.uuid('questionnaire_id').notNullable().references('questionnaires.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['questionnaire_id']);
  });
  await knex.schema.createTable('questionnaire_sessions', (t) => {
    t.text('id').primary(); // the hash of the session token
    t.uuid('questionnaire_id').notNullable().references('questionnaires.id').onDelete('CASCADE');
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('questionnaire_events', (t) => {
    t.bigIncrements('id');
    t.uuid('questionnaire_id').notNullable().references('questionnaires.id').onDelete('CASCADE');
    // Activities retry; the key makes a retried write land once.
    t.text('event_key').notNullable().unique();
    t.text('type').notNullable();
    t.text('status');
    t.uuid('actor_id').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['questionnaire_id', 'at']);
  });
  await knex.schema.createTable('questionnaire_actions', (t) => {
    t.uuid('id').primary();
    t.uuid('questionnaire_id').notNullable().references('questionnaires.id').onDelete('CASCADE');
    t.timestamp('scheduled_at', { useTz: true }).notNullable();
    t.text('status').notNullable().defaultTo('open'); // open | closed | canx | dna
    t.text('appointment_type');
    t.text('place');
    t.uuid('rebooked_from_id').references('questionnaire_actions.id');
    t.uuid('created_by').references('users.id');
    t.timestamps(true, true);
    t.index(['questionnaire_id', 'scheduled_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'questionnaire_actions',
    'questionnaire_events',
    'questionnaire_sessions',
    'questionnaire_links',
    'questionnaire_credentials',
    'questionnaires',
    'organisation_questionnaire_types',
    'questionnaire_types',
  ]) {
    await knex.schema.dropTable(table);
  }
}
