import type { Knex } from 'knex';

// Live MI at a million cases (issue 13): each case's milestones and appointment counts kept on the referral,
// so the tabs read one covering index instead of looking up every case's appointments and letters.
// Triggers on case_actions and advice_letters keep them: every path that books, rebooks, cancels or records
// an appointment, or issues a letter, writes those tables, so none can bypass them (the API, the activities,
// the bench's fill). The definitions are domain/mi.ts's: the first appointment is the earliest one not
// cancelled (a missed one was still offered); attendance counts appointments whose date has an outcome.

const COLUMNS = [
  'first_appointment_at',
  'advice_letter_at',
  'appointments_decided',
  'appointments_dna',
  'appointments_cancelled',
] as const;

// What the Live MI aggregates read beside the organisation and sent date: the visibility predicate's
// columns (owner, author, status), the filters, the groupings and the milestones, so counts are
// index-only scans.
const COVERED = [
  'id',
  'case_number',
  'owner_id',
  'author_id',
  'status',
  'form_type_id',
  'location_id',
  'division_id',
  'department_id',
  'outcome',
  'accepted_at',
  ...COLUMNS,
];

const APPOINTMENTS_OF = (referral: string) => `
  UPDATE referrals r SET
    first_appointment_at = a.first_at,
    appointments_decided = a.decided,
    appointments_dna = a.dna,
    appointments_cancelled = a.canx
  FROM (
    SELECT min(scheduled_at) FILTER (WHERE status <> 'canx') AS first_at,
           count(*) FILTER (WHERE status IN ('closed', 'dna', 'canx')) AS decided,
           count(*) FILTER (WHERE status = 'dna') AS dna,
           count(*) FILTER (WHERE status = 'canx') AS canx
    FROM case_actions WHERE referral_id = ${referral} AND kind = 'appointment'
  ) a
  WHERE r.id = ${referral}`;

const LETTERS_OF = (referral: string) => `
  UPDATE referrals SET advice_letter_at = (SELECT min(issued_at) FROM advice_letters WHERE referral_id = ${referral})
  WHERE id = ${referral}`;

/** A row trigger's function that recomputes the old case's figures and, when it is another, the new one's. */
const recomputeFunction = (name: string, recompute: (referralId: string) => string) => `
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN ${recompute('OLD.referral_id')}; END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.referral_id <> OLD.referral_id) THEN
        ${recompute('NEW.referral_id')};
      END IF;
      RETURN NULL;
    END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('referrals', (t) => {
    t.timestamp('first_appointment_at', { useTz: true });
    t.timestamp('advice_letter_at', { useTz: true });
    t.integer('appointments_decided').notNullable().defaultTo(0);
    t.integer('appointments_dna').notNullable().defaultTo(0);
    t.integer('appointments_cancelled').notNullable().defaultTo(0);
  });

  // Row triggers: a case's figures recomputed from its own rows (a handful), for the old and the new case;
  // only when a column they read changes (not a note on the appointment, not a letter's release).
  await knex.raw(recomputeFunction('referrals_mi_appointments', APPOINTMENTS_OF));
  await knex.raw(`
    CREATE TRIGGER case_actions_mi AFTER INSERT OR UPDATE OF referral_id, kind, scheduled_at, status OR DELETE
    ON case_actions
    FOR EACH ROW EXECUTE FUNCTION referrals_mi_appointments()`);
  await knex.raw(recomputeFunction('referrals_mi_letters', LETTERS_OF));
  await knex.raw(`
    CREATE TRIGGER advice_letters_mi AFTER INSERT OR UPDATE OF referral_id, issued_at OR DELETE ON advice_letters
    FOR EACH ROW EXECUTE FUNCTION referrals_mi_letters()`);

  // The cases that already have appointments or letters, each row written once (a million cases: every
  // write also updates the table's other indexes), before the covering index exists.
  await knex.raw('DROP INDEX IF EXISTS referrals_mi_sent');
  await knex.raw(`
    WITH a AS (
      SELECT referral_id,
             min(scheduled_at) FILTER (WHERE status <> 'canx') AS first_at,
             count(*) FILTER (WHERE status IN ('closed', 'dna', 'canx')) AS decided,
             count(*) FILTER (WHERE status = 'dna') AS dna,
             count(*) FILTER (WHERE status = 'canx') AS canx
      FROM case_actions WHERE kind = 'appointment' GROUP BY referral_id
    ), l AS (
      SELECT referral_id, min(issued_at) AS first_at FROM advice_letters GROUP BY referral_id
    )
    UPDATE referrals r SET
      first_appointment_at = m.first_at,
      appointments_decided = m.decided,
      appointments_dna = m.dna,
      appointments_cancelled = m.canx,
      advice_letter_at = m.letter_at
    FROM (
      SELECT coalesce(a.referral_id, l.referral_id) AS id, a.first_at, coalesce(a.decided, 0) AS decided,
             coalesce(a.dna, 0) AS dna, coalesce(a.canx, 0) AS canx, l.first_at AS letter_at
      FROM a FULL JOIN l ON l.referral_id = a.referral_id
    ) m
    WHERE r.id = m.id`);
  await knex.raw(
    `CREATE INDEX referrals_mi_sent ON referrals (organisation_id, submitted_at) INCLUDE (${COVERED.join(', ')})
     WHERE submitted_at IS NOT NULL`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS referrals_mi_sent');
  await knex.raw(
    'CREATE INDEX referrals_mi_sent ON referrals (organisation_id, submitted_at) WHERE submitted_at IS NOT NULL',
  );
  await knex.raw('DROP TRIGGER IF EXISTS advice_letters_mi ON advice_letters');
  await knex.raw('DROP TRIGGER IF EXISTS case_actions_mi ON case_actions');
  await knex.raw('DROP FUNCTION IF EXISTS referrals_mi_letters()');
  await knex.raw('DROP FUNCTION IF EXISTS referrals_mi_appointments()');
  await knex.schema.alterTable('referrals', (t) => {
    for (const column of COLUMNS) t.dropColumn(column);
  });
}
