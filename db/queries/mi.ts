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
 * predicate), sent within the filters' dates. Each case's milestones and appointment counts are columns of
 * the referral, kept by triggers on case_actions and advice_letters (migration 20261203000300), and the
 * covering index referrals_mi_sent (organisation, sent date, then every column read here) answers each
 * tab with one index-only scan. The definitions are in domain/mi.ts.
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

// The grouping sets of the volumes tab, in the order of GROUPING()'s arguments; a row's GROUPING() value
// has the bit of its own set clear and the others set.
const VOLUME_SETS = ['month', 'status', 'form_type_id', 'location_id', 'department_id'] as const;
type VolumeSet = (typeof VOLUME_SETS)[number];
const groupingOf = (set: VolumeSet) =>
  VOLUME_SETS.reduce((bits, s, i) => (s === set ? bits : bits | (1 << (VOLUME_SETS.length - 1 - i))), 0);

/** Tab 1: referrals sent, by month, status, case type, location and department, in one pass (GROUPING SETS). */
export async function referralVolumes(db: Knex, viewer: Viewer, filters: MiFilters): Promise<VolumesReport> {
  const cases = casesIn(db, viewer, filters).select(
    db.raw(`to_char(date_trunc('month', r.submitted_at at time zone ?), 'YYYY-MM') as month`, [MI_TIME_ZONE]),
    'r.status',
    'r.form_type_id',
    'r.location_id',
    'r.department_id',
  );
  const sets = VOLUME_SETS.join(', ');
  const month = groupingOf('month');
  // Names joined after counting (a few rows); each set in its own order: months by key, the named ones
  // largest first then by name (no name last), as the tables show them.
  const rows = (await db
    .with(
      'g',
      db
        .from(cases.as('c'))
        .select(
          ...VOLUME_SETS.map((s) => `c.${s}`),
          db.raw(`grouping(${sets}) as dimension`),
          db.raw('count(*) as count'),
        )
        .groupByRaw(`grouping sets (${VOLUME_SETS.map((s) => `(${s})`).join(', ')})`),
    )
    .from('g')
    .leftJoin('form_types as f', 'f.id', 'g.form_type_id')
    .leftJoin('locations as l', 'l.id', 'g.location_id')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .select(
      'g.dimension',
      db.raw('coalesce(g.month, g.status, f.key, g.location_id::text, g.department_id::text) as key'),
      db.raw('coalesce(f.name, l.name, d.name) as label'),
      'g.count',
    )
    .orderByRaw(`g.dimension, case when g.dimension = ${month} then g.month end, g.count desc, label`)) as {
    dimension: number;
    key: string | null;
    label: string | null;
    count: string;
  }[];
  const of = (set: VolumeSet) => rows.filter((r) => Number(r.dimension) === groupingOf(set));
  const months = of('month').map((r) => toCount({ ...r, label: r.key }));
  // In the catalogue's order, which follows a case's life.
  const order = Object.keys(CASE_STATUSES);
  const statuses = of('status')
    .filter((r): r is typeof r & { key: CaseStatus } => r.key !== null && isCaseStatus(r.key))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
    .map((r) => toCount({ ...r, label: CASE_STATUSES[r.key].label }));
  return {
    total: months.reduce((sum, m) => sum + m.count, 0),
    byMonth: months,
    byStatus: statuses,
    byCaseType: of('form_type_id').map(toCount),
    byLocation: of('location_id').map(toCount),
    byDepartment: of('department_id').map(toCount),
  };
}

/** Tab 2: closed cases by outcome, consent declined, and appointment attendance, in one pass. */
export async function outcomeRates(db: Knex, viewer: Viewer, filters: MiFilters): Promise<OutcomesReport> {
  // Grouped by outcome: each group's closed cases are the outcome's count, and the sums of every group
  // are the tab's totals. Largest first, then by outcome (none last).
  const rows = (await casesIn(db, viewer, filters)
    .groupBy('r.outcome')
    .select(
      'r.outcome',
      db.raw(`count(*) filter (where r.status = 'closed') as closed`),
      db.raw('count(*) filter (where r.accepted_at is not null) as accepted'),
      db.raw(`count(*) filter (where r.status = 'closed' and r.outcome = ?) as declined`, [CONSENT_DECLINED_OUTCOME]),
      db.raw('sum(r.appointments_decided) as decided'),
      db.raw('sum(r.appointments_dna) as dna'),
      db.raw('sum(r.appointments_cancelled) as canx'),
    )
    .orderByRaw('closed desc, r.outcome')) as {
    outcome: string | null;
    closed: string;
    accepted: string;
    declined: string;
    decided: string | null;
    dna: string | null;
    canx: string | null;
  }[];
  const total = (column: 'closed' | 'accepted' | 'declined' | 'decided' | 'dna' | 'canx') =>
    rows.reduce((sum, r) => sum + Number(r[column] ?? 0), 0);
  return {
    closedCases: total('closed'),
    byOutcome: rows
      .filter((r) => Number(r.closed) > 0)
      .map((r) => toCount({ key: r.outcome ?? 'none', label: r.outcome ?? 'Not recorded', count: r.closed })),
    consentDeclined: rateOf(total('declined'), total('accepted')),
    dna: rateOf(total('dna'), total('decided')),
    cancelled: rateOf(total('canx'), total('decided')),
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
 * Each stage's milestone on the referral: triaged (accepted), first appointment (the earliest one not
 * cancelled: a missed one was still offered) and first advice letter.
 */
const STAGE_COLUMN: Record<StageKey, string> = {
  triage: 'accepted_at',
  firstAppointment: 'first_appointment_at',
  adviceLetter: 'advice_letter_at',
};

/** Tab 3: days from referral to each stage (median, 90th percentile) against the service levels, and cases at risk. */
export async function turnaroundTimes(db: Knex, viewer: Viewer, filters: MiFilters): Promise<TurnaroundReport> {
  const levels = await serviceLevelsOf(db, viewer.organisationId);
  const days = (stage: StageKey) => `extract(epoch from (r.${STAGE_COLUMN[stage]} - r.submitted_at)) / ${DAY_SECONDS}`;
  // Aliases in snake_case (the mappers turn them into the camelCase keys read below).
  const snake = (key: StageKey) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const columns = STAGES.flatMap(({ key, level }) => {
    const reached = `r.${STAGE_COLUMN[key]} is not null`;
    const as = snake(key);
    return [
      db.raw(`count(*) filter (where ${reached}) as ${as}_cases`),
      // Median and 90th percentile from one sort.
      db.raw(
        `percentile_cont(array[0.5, 0.9]) within group (order by ${days(key)}) filter (where ${reached}) as ${as}_percentiles`,
      ),
      db.raw(`count(*) filter (where ${reached} and ${days(key)} <= ?) as ${as}_within`, [levels[level]]),
    ];
  });
  const atRiskWithin = AT_RISK_WITHIN_DAYS * DAY_SECONDS;
  const dueIn = (level: keyof ServiceLevels) => `(r.submitted_at + make_interval(days => ${Number(levels[level])}))`;
  const open = `r.accepted_at is not null and r.status <> 'closed'`;
  const [stats, atRisk] = await Promise.all([
    casesIn(db, viewer, filters).select(columns).first() as Promise<Record<string, unknown>>,
    // The stage each open case waits for next, when it falls due soon or is already overdue: each case's
    // stages side by side (a lateral list), the ones it waits for kept.
    casesIn(db, viewer, filters)
      .joinRaw(
        `cross join lateral (values
           ('triage', case when r.status = 'pending_triage' then ${dueIn('triageDays')} end),
           ('firstAppointment', case when ${open} and r.first_appointment_at is null then ${dueIn('firstAppointmentDays')} end),
           ('adviceLetter', case when ${open} and r.advice_letter_at is null then ${dueIn('adviceLetterDays')} end)
         ) as p(stage, due_at)`,
      )
      .where('p.due_at', '<=', db.raw(`now() + make_interval(secs => ${atRiskWithin})`))
      .select(
        'r.id',
        'r.case_number',
        'p.stage',
        'p.due_at',
        db.raw(`extract(epoch from (p.due_at - now())) / ${DAY_SECONDS} as days_left`),
      )
      .orderBy([{ column: 'p.due_at' }, { column: 'r.id' }])
      .limit(AT_RISK_LIMIT),
  ]);
  const percentiles = (key: StageKey) => (stats?.[`${key}Percentiles`] ?? null) as (string | number)[] | null;
  const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    serviceLevels: levels,
    stages: STAGES.map(({ key, label, level }) => ({
      stage: key,
      label,
      cases: Number(stats?.[`${key}Cases`] ?? 0),
      medianDays: num(percentiles(key)?.[0]),
      p90Days: num(percentiles(key)?.[1]),
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
