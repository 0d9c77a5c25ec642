import type { Knex } from 'knex';

// A reassignment of one case, or of all of one user's cases to another, with the reason the person gave.
// The reassign-all workflow carries only the row's id; it keeps `moved` current batch by batch so the
// progress survives the run. Each moved case gets a case_events row naming the reassignment: its history
// shows who reassigned it, from whom, to whom and why.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reassignments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('from_user_id').notNullable().references('users.id');
    t.uuid('to_user_id').notNullable().references('users.id');
    t.uuid('actor_id').notNullable().references('users.id');
    t.text('scope').notNullable();
    t.uuid('referral_id').references('referrals.id').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.integer('total');
    t.integer('moved').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['organisation_id', 'created_at']);
  });
  await knex.raw(`ALTER TABLE reassignments ADD CONSTRAINT reassignments_scope CHECK (
    (scope = 'case' AND referral_id IS NOT NULL) OR (scope = 'all' AND referral_id IS NULL)
  )`);
  await knex.schema.alterTable('case_events', (t) => {
    t.uuid('reassignment_id').references('reassignments.id').onDelete('CASCADE');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (t) => {
    t.dropColumn('reassignment_id');
  });
  await knex.schema.dropTable('reassignments');
}
