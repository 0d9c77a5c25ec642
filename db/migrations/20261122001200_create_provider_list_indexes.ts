import type { Knex } from 'knex';

// Clinicians list and search every organisation's cases: the same last-activity
// order without the organisation in front, and searches that do not start with it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX referrals_updated ON referrals (updated_at DESC, id DESC)');
  await knex.raw('CREATE INDEX referrals_case_number_lower ON referrals (lower(case_number))');
  await knex.raw('CREATE INDEX referrals_surname_lower ON referrals (lower(employee_surname))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX referrals_surname_lower');
  await knex.raw('DROP INDEX referrals_case_number_lower');
  await knex.raw('DROP INDEX referrals_updated');
}
