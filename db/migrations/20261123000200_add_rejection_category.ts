import type { Knex } from 'knex';

// Why a referral was rejected, from the fixed list in domain/rejection.ts (the email names it; the free-text
// reason stays in the portal). The keys are written out, not imported: a migration records the schema as it
// was, and the rejection tests check that the domain list and this constraint agree.
const KEYS = ['more_information_needed', 'wrong_referral_type', 'duplicate', 'employee_not_eligible', 'other'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('referrals', (t) => t.text('rejection_category'));
  // Constants, not input: DDL takes no bound parameters.
  const list = KEYS.map((k) => `'${k}'`).join(', ');
  await knex.raw(
    `ALTER TABLE referrals ADD CONSTRAINT referrals_rejection_category_known CHECK (rejection_category IN (${list}))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the column drops its check constraint with it.
  await knex.schema.alterTable('referrals', (t) => t.dropColumn('rejection_category'));
}
