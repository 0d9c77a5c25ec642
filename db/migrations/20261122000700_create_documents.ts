import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.uuid('id').primary();
    // Deleted with its referral (draft retention, rejection retention).
    t.uuid('referral_id').notNullable().references('referrals.id').onDelete('CASCADE');
    t.text('kind').notNullable().defaultTo('attachment');
    t.text('slot');
    t.text('filename').notNullable();
    t.text('content_type').notNullable();
    t.integer('size').notNullable();
    // AES-256-GCM: never the plaintext.
    t.binary('iv').notNullable();
    t.binary('auth_tag').notNullable();
    t.binary('ciphertext').notNullable();
    t.uuid('uploaded_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['referral_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('documents');
}
