import type { Knex } from 'knex';

// Track Referrals sorts by any column both ways and pages by keyset on (sort key, id)
// (db/queries/referral-list.ts). The keys on `referrals` itself are indexed here exactly
// as that module writes them: once after the organisation (a client user's lists) and
// once alone (a clinician's, across organisations). B-tree indexes read both ways, so
// one index serves ascending and descending. Sorts by a joined name (division, location,
// department, case type, organisation, owner) sort the visible rows instead.
// The expressions are written out, not imported: a migration records the schema as it was.
const SORT_KEYS: Record<string, string> = {
  employee: "lower(coalesce(employee_surname, '') || ' ' || coalesce(employee_first_name, ''))",
  case_number: "coalesce(case_number, '')",
  received: "coalesce(submitted_at, '-infinity'::timestamptz)",
  status: 'status',
  recall: "coalesce(recall_date, '-infinity'::date)",
};

// The search box matches surname, forename or case number exactly, whatever the case.
const SEARCH_KEYS: Record<string, string> = {
  surname: 'lower(employee_surname)',
  first_name: 'lower(employee_first_name)',
  case_number: 'lower(case_number)',
};

// The "contains" filters on the employee and the case number (ILIKE '%...%') use trigram
// indexes where pg_trgm is available (PostgreSQL ships it; the embedded PGlite, for a laptop's
// demo, does not load it). Without it the filters still work, on the rows the other conditions leave.
const TRIGRAM_KEYS: Record<string, string> = {
  employee: "(coalesce(employee_first_name, '') || ' ' || coalesce(employee_surname, ''))",
  case_number: 'case_number',
};

const hasTrigrams = async (knex: Knex) =>
  (await knex.raw("select 1 from pg_available_extensions where name = 'pg_trgm'")).rows.length > 0;

export async function up(knex: Knex): Promise<void> {
  for (const [name, sql] of Object.entries(SORT_KEYS)) {
    await knex.raw(`CREATE INDEX referrals_org_sort_${name} ON referrals (organisation_id, (${sql}), id)`);
    await knex.raw(`CREATE INDEX referrals_sort_${name} ON referrals ((${sql}), id)`);
  }
  await knex.raw('CREATE INDEX referrals_sort_updated ON referrals (updated_at, id)');
  for (const [name, sql] of Object.entries(SEARCH_KEYS))
    await knex.raw(`CREATE INDEX referrals_search_${name} ON referrals ((${sql}))`);
  if (await hasTrigrams(knex)) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    for (const [name, sql] of Object.entries(TRIGRAM_KEYS))
      await knex.raw(`CREATE INDEX referrals_contains_${name} ON referrals USING gin ((${sql}) gin_trgm_ops)`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const name of Object.keys(TRIGRAM_KEYS)) await knex.raw(`DROP INDEX IF EXISTS referrals_contains_${name}`);
  for (const name of Object.keys(SEARCH_KEYS)) await knex.raw(`DROP INDEX referrals_search_${name}`);
  await knex.raw('DROP INDEX referrals_sort_updated');
  for (const name of Object.keys(SORT_KEYS)) {
    await knex.raw(`DROP INDEX referrals_sort_${name}`);
    await knex.raw(`DROP INDEX referrals_org_sort_${name}`);
  }
}
