import type { Knex } from 'knex';

// Management information: the organisation's service levels (calendar days from the referral being sent),
// the indexes the Live MI aggregates read, the monthly packs and the provider's library. The service-level
// columns may already be there (organisation administration adds them under the same names).
const SERVICE_LEVELS = [
  ['sla_triage_days', 2],
  ['sla_first_appointment_days', 10],
  ['sla_advice_letter_days', 15],
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const [column, days] of SERVICE_LEVELS) {
    if (!(await knex.schema.hasColumn('organisations', column))) {
      await knex.schema.alterTable('organisations', (t) => {
        t.integer(column).notNullable().defaultTo(days);
      });
    }
  }
  // Every tab filters an organisation's sent referrals by date; the others narrow that range.
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS referrals_mi_sent ON referrals (organisation_id, submitted_at) WHERE submitted_at IS NOT NULL',
  );
  // The first appointment of each case, and its attendance.
  await knex.raw('CREATE INDEX IF NOT EXISTS case_actions_mi_kind ON case_actions (referral_id, kind, scheduled_at)');

  await knex.schema.createTable('mi_packs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('month').notNullable(); // YYYY-MM
    t.binary('xlsx').notNullable();
    t.binary('pdf').notNullable();
    t.timestamp('built_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // A run again replaces the month's pack: one pack per organisation and month, kept.
    t.unique(['organisation_id', 'month']);
  });

  await knex.schema.createTable('library_documents', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('filename').notNullable();
    t.text('content_type').notNullable();
    t.integer('size').notNullable();
    // AES-256-GCM, as supporting documents are.
    t.binary('iv').notNullable();
    t.binary('auth_tag').notNullable();
    t.binary('ciphertext').notNullable();
    t.uuid('uploaded_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['organisation_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('library_documents');
  await knex.schema.dropTable('mi_packs');
  await knex.raw('DROP INDEX IF EXISTS case_actions_mi_kind');
  await knex.raw('DROP INDEX IF EXISTS referrals_mi_sent');
  await knex.schema.alterTable('organisations', (t) => {
    for (const [column] of SERVICE_LEVELS) t.dropColumn(column);
  });
}
