import type { Knex } from 'knex';

// Emptying memberships empties hierarchy_closure. The first version did it with TRUNCATE, which
// PostgreSQL refuses when the closure is itself being truncated by the same statement: `TRUNCATE
// organisations, users CASCADE` (the bench's refill, a test reset, an operator's clean slate) reaches
// both tables and failed. DELETE empties the closure in both cases (nothing is left of it after a
// cascade, and after `TRUNCATE memberships` alone it removes every pair).

const emptiedBy = (statement: string) => `
  CREATE OR REPLACE FUNCTION hierarchy_closure_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${statement};
    RETURN NULL;
  END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(emptiedBy('DELETE FROM hierarchy_closure'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(emptiedBy('TRUNCATE hierarchy_closure'));
}
