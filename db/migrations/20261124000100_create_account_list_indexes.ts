import type { Knex } from 'knex';

// User Admin's lists, a page at a time in their keyset order; partial, since
// locked accounts and pending requests are few among all users and memberships.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX users_locked ON users (surname, first_name, id) WHERE locked_at IS NOT NULL');
  await knex.raw(
    "CREATE INDEX memberships_pending ON memberships (organisation_id, created_at, id) WHERE status = 'pending'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX memberships_pending');
  await knex.raw('DROP INDEX users_locked');
}
