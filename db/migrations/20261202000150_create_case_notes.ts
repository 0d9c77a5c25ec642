import type { Knex } from 'knex';

// Notes the provider's clinicians write on a case for its referrer: dated, signed by their author,
// gone with the case.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_notes', (t) => {
    t.uuid('id').primary();
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    t.uuid('author_id').references('users.id').onDelete('SET NULL');
    // The author's name as signed, so the note reads the same if the account changes.
    t.text('signed_by').notNullable();
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['referral_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_notes');
}
