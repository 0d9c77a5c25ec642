import type { Knex } from 'knex';

// Track Referrals sorts by names that live in other tables (division, location, department,
// case type, organisation, owner). Sorting by a join's column, no index on referrals can give
// the order, so at a million cases the top of a large hierarchy and a clinician sorted every
// visible row (0.2 to 2.7 s). Each name is copied here as the lower-cased text the list sorts
// by, kept right by the database itself (whatever writes a referral or renames a name), and
// indexed like the sorts on referrals' own columns (20261202000100_create_track_referral_indexes):
// once after the organisation (a client user's lists) and once alone (a clinician's).
// The SQL is written out, not imported: a migration records the schema as it was.

/** Each sort column: the table it copies from, the referral's column naming the row, and the text of its row `t`. */
const SORTS = [
  { column: 'division_sort', table: 'divisions', id: 'division_id', text: (t: string) => `lower(${t}.name)` },
  { column: 'location_sort', table: 'locations', id: 'location_id', text: (t: string) => `lower(${t}.name)` },
  { column: 'department_sort', table: 'departments', id: 'department_id', text: (t: string) => `lower(${t}.name)` },
  { column: 'case_type_sort', table: 'form_types', id: 'form_type_id', text: (t: string) => `lower(${t}.name)` },
  {
    column: 'organisation_sort',
    table: 'organisations',
    id: 'organisation_id',
    text: (t: string) => `lower(${t}.name)`,
  },
  {
    column: 'owner_sort',
    table: 'users',
    id: 'owner_id',
    text: (t: string) => `lower(${t}.surname || ' ' || ${t}.first_name)`,
  },
] as const;

/** The names each table's rename trigger watches. */
const NAME_COLUMNS: Record<(typeof SORTS)[number]['table'], string> = {
  divisions: 'name',
  locations: 'name',
  departments: 'name',
  form_types: 'name',
  organisations: 'name',
  users: 'first_name, surname',
};

/**
 * Which referrals a renamed row concerns. Divisions, locations and departments belong to one
 * organisation, so the organisation's indexes narrow the rows; a user's are found by
 * referrals_owner_updated. A case type's rename (rare reference data) reads the table.
 */
const CONCERNED: Record<(typeof SORTS)[number]['table'], string> = {
  divisions: 'organisation_id = NEW.organisation_id AND division_id = NEW.id',
  locations: 'organisation_id = NEW.organisation_id AND location_id = NEW.id',
  departments: 'organisation_id = NEW.organisation_id AND department_id = NEW.id',
  form_types: 'form_type_id = NEW.id',
  organisations: 'organisation_id = NEW.id',
  users: 'owner_id = NEW.id',
};

/** The SQL function that gives a sort column's text from the id naming its row. */
const lookup = (s: (typeof SORTS)[number]) => `${s.column}_of`;

export async function up(knex: Knex): Promise<void> {
  // '' for no division, location or department, as the list's coalesce did: NOT NULL keeps the
  // keyset simple, and an id naming no row still fails on its foreign key, not here.
  for (const s of SORTS)
    await knex.raw(`
      CREATE FUNCTION ${lookup(s)}(uuid) RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT coalesce((SELECT ${s.text('t')} FROM ${s.table} t WHERE t.id = $1), '') $$`);

  // Backfill by one rewrite of the table, its indexes rebuilt once: an UPDATE of every row
  // went into each of the table's indexes row by row, and had not finished after ten minutes at
  // a million cases. A type change with USING rewrites the table even to the same type.
  for (const s of SORTS) await knex.raw(`ALTER TABLE referrals ADD COLUMN ${s.column} text`);
  await knex.raw(
    `ALTER TABLE referrals ${SORTS.map((s) => `ALTER COLUMN ${s.column} TYPE text USING ${lookup(s)}(${s.id}), ALTER COLUMN ${s.column} SET NOT NULL`).join(', ')}`,
  );

  // Whatever writes a referral (API, activities, imports, COPY): the names of the rows it names.
  await knex.raw(`
    CREATE FUNCTION referrals_fill_sort_columns() RETURNS trigger AS $$
    BEGIN
      ${SORTS.map((s) => `NEW.${s.column} := ${lookup(s)}(NEW.${s.id});`).join('\n      ')}
      RETURN NEW;
    END;
    $$ LANGUAGE plpgsql`);
  await knex.raw(`
    CREATE TRIGGER referrals_fill_sort_columns
    BEFORE INSERT OR UPDATE OF ${SORTS.map((s) => s.id).join(', ')} ON referrals
    FOR EACH ROW EXECUTE FUNCTION referrals_fill_sort_columns()`);

  // A rename reaches the referrals concerned. WHEN skips updates that keep the name (the
  // reference data is upserted at every start).
  for (const s of SORTS) {
    const names = NAME_COLUMNS[s.table].split(', ');
    await knex.raw(`
      CREATE FUNCTION ${s.column}_follow_rename() RETURNS trigger AS $$
      BEGIN
        UPDATE referrals SET ${s.column} = ${lookup(s)}(NEW.id) WHERE ${CONCERNED[s.table]};
        RETURN NULL;
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER ${s.table}_rename_referral_sort
      AFTER UPDATE OF ${NAME_COLUMNS[s.table]} ON ${s.table}
      FOR EACH ROW WHEN (${names.map((n) => `OLD.${n} IS DISTINCT FROM NEW.${n}`).join(' OR ')})
      EXECUTE FUNCTION ${s.column}_follow_rename()`);
  }

  for (const s of SORTS) {
    await knex.raw(`CREATE INDEX referrals_org_${s.column} ON referrals (organisation_id, ${s.column}, id)`);
    await knex.raw(`CREATE INDEX referrals_${s.column} ON referrals (${s.column}, id)`);
  }
  // A clinician sees submitted cases only (db/queries/visibility.ts, the same predicate here):
  // drafts have no received date and sort first, so the oldest-first scan of the whole table's
  // index passed every draft (60,000 at a million cases, 0.6 s) before the first closed case.
  await knex.raw(`CREATE INDEX referrals_submitted_sort_received ON referrals
    ((coalesce(submitted_at, '-infinity'::timestamptz)), id) WHERE status NOT IN ('draft', 'awaiting_approval')`);
  await knex.raw('ANALYZE referrals');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX referrals_submitted_sort_received');
  for (const s of SORTS) {
    await knex.raw(`DROP TRIGGER ${s.table}_rename_referral_sort ON ${s.table}`);
    await knex.raw(`DROP FUNCTION ${s.column}_follow_rename()`);
  }
  await knex.raw('DROP TRIGGER referrals_fill_sort_columns ON referrals');
  await knex.raw('DROP FUNCTION referrals_fill_sort_columns()');
  for (const s of SORTS) {
    // Dropping the column drops its indexes.
    await knex.raw(`ALTER TABLE referrals DROP COLUMN ${s.column}`);
    await knex.raw(`DROP FUNCTION ${lookup(s)}(uuid)`);
  }
}
