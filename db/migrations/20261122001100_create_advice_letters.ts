import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('advice_letters', (t) => {
    t.uuid('id').primary();
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    // The PDF itself, encrypted, in documents (kind 'advice-letter').
    t.uuid('document_id').notNullable().references('documents.id').onDelete('CASCADE');
    t.boolean('employee_review').notNullable();
    t.text('employee_response'); // accurate | correction
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('released_at', { useTz: true });
    t.uuid('issued_by').references('users.id');
    t.index(['referral_id', 'issued_at']);
  });
  await knex.schema.alterTable('employee_links', (t) => {
    t.uuid('letter_id').references('advice_letters.id').onDelete('CASCADE');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('employee_links', (t) => t.dropColumn('letter_id'));
  await knex.schema.dropTable('advice_letters');
}
