import type { Knex } from 'knex';
import { referenceOf } from '../../domain/ids.ts';
import {
  AT_RISK_LIMIT,
  AT_RISK_WITHIN_DAYS,
  CONSENT_DECLINED_OUTCOME,
  MI_TIME_ZONE,
  type AtRiskCase,
  type Count,
  DEFAULT_SERVICE_LEVELS,
  type MiFilters,
  type OutcomesReport,
  rateOf,
  type ServiceLevels,
  STAGES,
  type StageKey,
  stageLabel,
  type TurnaroundReport,
  type VolumesReport,
} from '../../domain/mi.ts';
import { CASE_STATUSES, type CaseStatus, isCaseStatus } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { visibleReferrals } from './visibility.ts';

/**
 * Live MI and the monthly packs: SQL aggregates over the referrals the viewer may see (the one visibility
 * predicate), sent within the filters' dates. The indexes referrals_mi_sent (organisation, sent date) and
 * case_actions_mi_kind (a case's appointments) carry them; the definitions are in domain/mi.ts.
 */

const NOT_GIVEN = 'Not given';
const DAY_SECONDS = 86_400;

/** The cases every tab counts: visible, of the viewer's organisation, sent, within the filters. */
function casesIn(db: Knex, viewer: Viewer, filters: MiFilters): Knex.QueryBuilder {
  const query = visibleReferrals(db, viewer)
    .where('r.organisation_id', viewer.organisationId)
    .whereNotNull('r.submitted_at')
    .whereNotIn('r.status', ['draft', 'deleted']);
  // Calendar days in the organisation's time zone (BST or GMT), inclusive at both ends; bounds as
  // instants computed once, so the index on submitted_at answers them.
  if (filters.from)
    query.whereRaw('r.submitted_at >= (?::date)::timestamp at time zone ?', [filters.from, MI_TIME_ZONE]);
  if (filters.to)
    query.whereRaw('r.submitted_at < (?::date + 1)::timestamp at time zone ?', [filters.to, MI_TIME_ZONE]);
  if (filters.locationId) query.where('r.location_id', filters.locationId);
  if (filters.divisionId) query.where('r.division_id', filters.divisionId);
  if (filters.departmentId) query.where('r.department_id', filters.departmentId);
  return query;
}

const toCount = (row: { key: string | null; label: string | null; count: string | number }): Count => ({
  key: row.key ?? 'none',
  label: row.label ?? NOT_GIVEN,
  count: Number(row.count),
});

/** Counts grouped by a named reference table (locations, departments), largest first. */
async function byNamed(
  db: Knex,
  viewer: Viewer,
  filters: MiFilters,
  table: 'locations' | 'departments',
  column: string,
): Promise<Count[]> {
  const rows = await casesIn(db, viewer, filters)
    .leftJoin(`${table} as n`, 'n.id', `r.${column}`)
    .groupBy('n.id', 'n.name')
    .select('n.id as key', 'n.name as label', db.raw('count(*) as count'))
    .orderBy([{ column: 'count', order: 'desc' }, { column: 'label' }]);
  return rows.map(toCount);
}

/** Tab 1: referrals sent, by month, status, case type, location and department. */
export async function referralVolumes(db: Knex, viewer: Viewer, filters: MiFilters): Promise<VolumesReport> {
  const [byMonth, byStatus, byCaseType, byLocation, byDepartment] = await Promise.all([
    casesIn(db, viewer, filters)
      .select(
        db.raw(`to_char(date_trunc('month', r.submitted_at at time zone ?), 'YYYY-MM') as key`, [MI_TIME_ZONE]),
        db.raw('count(*) as count'),
      )
      .groupByRaw('1')
      .orderByRaw('1'),
    casesIn(db, viewer, filters).groupBy('r.status').select('r.status as key', db.raw('count(*) as count')),
    casesIn(db, viewer, filters)
      .join('form_types as f', 'f.id', 'r.form_type_id')
      .groupBy('f.key', 'f.name')
      .select('f.key as key', 'f.name as label', db.raw('count(*) as count'))
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'label' }]),
    byNamed(db, viewer, filters, 'locations', 'location_id'),
    byNamed(db, viewer, filters, 'departments', 'department_id'),
  ]);
  const months = (byMonth as { key: string; count: string }[]).map((r) => toCount({ ...r, label: r.key }));
  // In the catalogue's order, which follows a case's life.
  const order = Object.keys(CASE_STATUSES);
  const statuses = (byStatus as { key: string; count: string }[])
    .filter((r) => isCaseStatus(r.key))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
    .map((r) => toCount({ ...r, label: CASE_STATUSES[r.key as CaseStatus].label }));
  return {
    total: months.reduce((sum, m) => sum + m.count, 0),
    byMonth: months,
    byStatus: statuses,
    byCaseType: (byCaseType as { key: string; label: string; count: string }[]).map(toCount),
    byLocation,
    byDepartment,
  };
}

/** Tab 2: closed cases by outcome, consent declined, and appointment attendance. */
export async function outcomeRates(db: Knex, viewer: Viewer, filters: MiFilters): Promise<OutcomesReport> {
  const [cases, outcomes, appointments] = await Promise.all([
    casesIn(db, viewer, filters)
      .select(
        db.raw(`count(*) filter (where r.status = 'closed') as closed`),
        db.raw('count(*) filter (where r.accepted_at is not null) as accepted'),
        db.raw(`count(*) filter (where r.status = 'closed' and r.outcome = ?) as declined`, [CONSENT_DECLINED_OUTCOME]),
      )
      .first(),
    casesIn(db, viewer, filters)
      .where('r.status', 'closed')
      .groupBy('r.outcome')
      .select('r.outcome as key', 'r.outcome as label', db.raw('count(*) as count'))
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'label' }]),
    casesIn(db, viewer, filters)
      .join('case_actions as a', 'a.referral_id', 'r.id')
      .where('a.kind', 'appointment')
      .whereIn('a.status', ['closed', 'dna', 'canx'])
      .select(
        db.raw('count(*) as decided'),
        db.raw(`count(*) filter (where a.status = 'dna') as dna`),
        db.raw(`count(*) filter (where a.status = 'canx') as canx`),
      )
      .first(),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    closedCases: n(cases?.closed),
    byOutcome: (outcomes as { key: string | null; label: string | null; count: string }[]).map((r) =>
      toCount({ ...r, key: r.key ?? 'none', label: r.label ?? 'Not recorded' }),
    ),
    consentDeclined: rateOf(n(cases?.declined), n(cases?.accepted)),
    dna: rateOf(n(appointments?.dna), n(appointments?.decided)),
    cancelled: rateOf(n(appointments?.canx), n(appointments?.decided)),
  };
}

/** The organisation's service levels, or the defaults when it has none. */
async function serviceLevelsOf(db: Knex, organisationId: string): Promise<ServiceLevels> {
  const row = await db('organisations')
    .where({ id: organisationId })
    .first('sla_triage_days', 'sla_first_appointment_days', 'sla_advice_letter_days');
  if (!row) return DEFAULT_SERVICE_LEVELS;
  return {
    triageDays: Number(row.slaTriageDays ?? DEFAULT_SERVICE_LEVELS.triageDays),
    firstAppointmentDays: Number(row.slaFirstAppointmentDays ?? DEFAULT_SERVICE_LEVELS.firstAppointmentDays),
    adviceLetterDays: Number(row.slaAdviceLetterDays ?? DEFAULT_SERVICE_LEVELS.adviceLetterDays),
  };
}

/**
 * Each case's milestones: sent, triaged (accepted), first appointment (the earliest one not cancelled:
 * a missed one was still offered) and first advice letter.
 */
function milestones(db: Knex, viewer: Viewer, filters: MiFilters): Knex.QueryBuilder {
  return casesIn(db, viewer, filters).select(
    'r.id',
    'r.case_number',
    'r.status',
    'r.submitted_at',
    'r.accepted_at',
    db.raw(`(select min(a.scheduled_at) from case_actions a
              where a.referral_id = r.id and a.kind = 'appointment' and a.status <> 'canx') as first_appointment_at`),
    db.raw('(select min(l.issued_at) from advice_letters l where l.referral_id = r.id) as advice_letter_at'),
  );
}

const STAGE_COLUMN: Record<StageKey, string> = {
  triage: 'accepted_at',
  firstAppointment: 'first_appointment_at',
  adviceLetter: 'advice_letter_at',
};

/** Tab 3: days from referral to each stage (median, 90th percentile) against the service levels, and cases at risk. */
export async function turnaroundTimes(db: Knex, viewer: Viewer, filters: MiFilters): Promise<TurnaroundReport> {
  const levels = await serviceLevelsOf(db, viewer.organisationId);
  const days = (stage: StageKey) => `extract(epoch from (m.${STAGE_COLUMN[stage]} - m.submitted_at)) / ${DAY_SECONDS}`;
  // Aliases in snake_case (the mappers turn them into the camelCase keys read below).
  const snake = (key: StageKey) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const columns = STAGES.flatMap(({ key, level }) => {
    const reached = `m.${STAGE_COLUMN[key]} is not null`;
    const as = snake(key);
    return [
      db.raw(`count(*) filter (where ${reached}) as ${as}_cases`),
      db.raw(`percentile_cont(0.5) within group (order by ${days(key)}) filter (where ${reached}) as ${as}_median`),
      db.raw(`percentile_cont(0.9) within group (order by ${days(key)}) filter (where ${reached}) as ${as}_p90`),
      db.raw(`count(*) filter (where ${reached} and ${days(key)} <= ?) as ${as}_within`, [levels[level]]),
    ];
  });
  const atRiskWithin = AT_RISK_WITHIN_DAYS * DAY_SECONDS;
  const dueIn = (level: keyof ServiceLevels) => `(m.submitted_at + make_interval(days => ${Number(levels[level])}))`;
  const [stats, atRisk] = await Promise.all([
    db
      .with('m', milestones(db, viewer, filters))
      .from('m')
      .select(columns)
      .first() as Promise<Record<string, string | number | null>>,
    // The stage each open case waits for next, when it falls due soon or is already overdue.
    db
      .with('m', milestones(db, viewer, filters))
      .with(
        'pending',
        db.raw(
          `select m.id, m.case_number, 'triage' as stage, ${dueIn('triageDays')} as due_at
             from m where m.status = 'pending_triage'
           union all
           select m.id, m.case_number, 'firstAppointment', ${dueIn('firstAppointmentDays')}
             from m where m.accepted_at is not null and m.status <> 'closed' and m.first_appointment_at is null
           union all
           select m.id, m.case_number, 'adviceLetter', ${dueIn('adviceLetterDays')}
             from m where m.accepted_at is not null and m.status <> 'closed' and m.advice_letter_at is null`,
        ),
      )
      .from('pending')
      .where('due_at', '<=', db.raw(`now() + make_interval(secs => ${atRiskWithin})`))
      .select(
        'id',
        'case_number',
        'stage',
        'due_at',
        db.raw(`extract(epoch from (due_at - now())) / ${DAY_SECONDS} as days_left`),
      )
      .orderBy([{ column: 'due_at' }, { column: 'id' }])
      .limit(AT_RISK_LIMIT),
  ]);
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    serviceLevels: levels,
    stages: STAGES.map(({ key, label, level }) => ({
      stage: key,
      label,
      cases: Number(stats?.[`${key}Cases`] ?? 0),
      medianDays: num(stats?.[`${key}Median`]),
      p90Days: num(stats?.[`${key}P90`]),
      serviceLevelDays: levels[level],
      withinServiceLevel: Number(stats?.[`${key}Within`] ?? 0),
    })),
    atRisk: (atRisk as { id: string; caseNumber: string | null; stage: StageKey; dueAt: Date; daysLeft: string }[]).map(
      (r): AtRiskCase => ({
        id: r.id,
        reference: r.caseNumber ?? referenceOf(r.id),
        stage: r.stage,
        stageLabel: stageLabel(r.stage),
        dueAt: new Date(r.dueAt).toISOString(),
        daysLeft: Math.floor(Number(r.daysLeft)),
      }),
    ),
  };
}

/** The filter choices: the organisation's locations, divisions and departments. */
export async function miFilterOptions(db: Knex, organisationId: string) {
  const list = (table: string) =>
    db(table).where({ organisationId }).orderBy('name').select('id', 'name') as Promise<{ id: string; name: string }[]>;
  const [locations, divisions, departments] = await Promise.all([
    list('locations'),
    list('divisions'),
    list('departments'),
  ]);
  return { locations, divisions, departments };
}
