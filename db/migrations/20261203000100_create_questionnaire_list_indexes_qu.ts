import type { Knex } from 'knex';

// Track Questionnaires sorts by any column both ways and pages by keyset on (sort key, id)
// (db/queries/questionnaire-list.ts), like Track Referrals. The keys on `questionnaires` itself
// are indexed here exactly as that module writes them: once after the organisation (a client
// user's lists) and once alone (a clinician's, across organisations). B-tree indexes read both
// ways. Sorts by a joined name (questionnaire type, owner, organisation) sort the visible rows.
// The expressions are written out, not imported: a migration records the schema as it was.
const SORT_KEYS: Record<string, string> = {
  employee: "lower(employee_surname || ' ' || employee_first_name)",
  job_title: 'lower(employee_job_title)',
  sent: 'sent_at',
  status: 'status',
  outcome: "coalesce(outcome, '')",
  updated: 'updated_at',
};

// The search box matches surname or forename exactly, whatever the case (the surname's index
// after the organisation exists already); the "contains" filters on the employee and job title
// use trigram indexes where pg_trgm is available (see the Track Referrals indexes).
const TRIGRAM_KEYS: Record<string, string> = {
  employee: "(employee_first_name || ' ' || employee_surname)",
  job_title: 'employee_job_title',
};

const hasTrigrams = async (knex: Knex) =>
  (await knex.raw("select 1 from pg_available_extensions where name = 'pg_trgm'")).rows.length > 0;

export async function up(knex: Knex): Promise<void> {
  for (const [name, sql] of Object.entries(SORT_KEYS)) {
    await knex.raw(`CREATE INDEX questionnaires_org_sort_${name} ON questionnaires (organisation_id, (${sql}), id)`);
    await knex.raw(`CREATE INDEX questionnaires_sort_${name} ON questionnaires ((${sql}), id)`);
  }
  await knex.raw(
    'CREATE INDEX questionnaires_search_first_name ON questionnaires (organisation_id, lower(employee_first_name))',
  );
  await knex.raw('CREATE INDEX questionnaires_search_surname ON questionnaires (lower(employee_surname))');
  if (await hasTrigrams(knex)) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    for (const [name, sql] of Object.entries(TRIGRAM_KEYS))
      await knex.raw(
        `CREATE INDEX questionnaires_contains_${name} ON questionnaires USING gin ((${sql}) gin_trgm_ops)`,
      );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const name of Object.keys(TRIGRAM_KEYS)) await knex.raw(`DROP INDEX IF EXISTS questionnaires_contains_${name}`);
  await knex.raw('DROP INDEX questionnaires_search_surname');
  await knex.raw('DROP INDEX questionnaires_search_first_name');
  for (const name of Object.keys(SORT_KEYS)) {
    await knex.raw(`DROP INDEX questionnaires_sort_${name}`);
    await knex.raw(`DROP INDEX questionnaires_org_sort_${name}`);
  }
}
