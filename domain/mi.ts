import type { Viewer } from './visibility.ts';

/**
 * Management information: what each figure means, stated once. db/queries/mi.ts computes them in SQL;
 * the API, the portal's charts and tables, the Excel exports and the monthly packs all read these words.
 * Every figure counts only the cases the viewer may see (db/queries/visibility.ts).
 */

/** The organisation's service levels, in calendar days from the referral being sent. */
export type ServiceLevels = { triageDays: number; firstAppointmentDays: number; adviceLetterDays: number };

/** Used when an organisation has not set its own (the columns' defaults). */
export const DEFAULT_SERVICE_LEVELS: ServiceLevels = { triageDays: 2, firstAppointmentDays: 10, adviceLetterDays: 15 };

/** A case is at risk when a stage it has not reached falls due within this many days (or is already overdue). */
export const AT_RISK_WITHIN_DAYS = 2;

/** At most this many cases at risk are listed (the most urgent first). */
export const AT_RISK_LIMIT = 100;

/** The outcome recorded when the employee declines consent (api/referrals/consent.ts writes it). */
export const CONSENT_DECLINED_OUTCOME = 'Employee declined consent';

/**
 * The organisations are in the UK: a month or a day of MI is one on a UK calendar, so a referral sent at
 * 00:30 on 1 April BST (23:30 UTC on 31 March) counts in April.
 */
export const MI_TIME_ZONE = 'Europe/London';

/** The filters every Live MI tab takes. Dates are calendar days (UK), inclusive, on the referral's sent date. */
export type MiFilters = {
  from?: string | undefined;
  to?: string | undefined;
  locationId?: string | undefined;
  divisionId?: string | undefined;
  departmentId?: string | undefined;
};

export type Count = { key: string; label: string; count: number };

export type VolumesReport = {
  total: number;
  byMonth: Count[];
  byStatus: Count[];
  byCaseType: Count[];
  byLocation: Count[];
  byDepartment: Count[];
};

export type Rate = { numerator: number; denominator: number; rate: number | null };

export type OutcomesReport = {
  closedCases: number;
  byOutcome: Count[];
  /** Cases that closed because the employee declined consent, of the cases accepted by the provider. */
  consentDeclined: Rate;
  /** Appointments the employee did not attend, of the appointments whose date has an outcome (attended, DNA, cancelled). */
  dna: Rate;
  /** Cancelled appointments, of the same. */
  cancelled: Rate;
};

export type StageKey = 'triage' | 'firstAppointment' | 'adviceLetter';

type StageTurnaround = {
  stage: StageKey;
  label: string;
  /** How many cases reached the stage. */
  cases: number;
  medianDays: number | null;
  p90Days: number | null;
  serviceLevelDays: number;
  withinServiceLevel: number;
};

export type AtRiskCase = {
  id: string;
  reference: string;
  stage: StageKey;
  stageLabel: string;
  dueAt: string;
  /** Negative when overdue. */
  daysLeft: number;
};

export type TurnaroundReport = {
  serviceLevels: ServiceLevels;
  stages: StageTurnaround[];
  atRisk: AtRiskCase[];
};

export const STAGES: readonly { key: StageKey; label: string; level: keyof ServiceLevels }[] = [
  { key: 'triage', label: 'Referral to triage', level: 'triageDays' },
  { key: 'firstAppointment', label: 'Referral to first appointment', level: 'firstAppointmentDays' },
  { key: 'adviceLetter', label: 'Referral to advice letter', level: 'adviceLetterDays' },
];

export const stageLabel = (key: StageKey): string => STAGES.find((s) => s.key === key)?.label ?? key;

/** A share as people read it: "12.5%", or "–" with nothing to divide by. */
export function formatRate(rate: Rate): string {
  return rate.rate === null ? '–' : `${(Math.round(rate.rate * 1000) / 10).toString()}%`;
}

export function rateOf(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** Days to one decimal place, as the tables show them. */
export const formatDays = (days: number | null): string =>
  days === null ? '–' : (Math.round(days * 10) / 10).toString();

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether text is a month as packs name them: "2026-11". */
export const isMonth = (text: string): boolean => MONTH.test(text);

/** The calendar month `at` falls in on a UK calendar (MI_TIME_ZONE), as "YYYY-MM". */
export function monthOf(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: MI_TIME_ZONE, year: 'numeric', month: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, p) => Object.assign(all, { [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}`;
}

/**
 * The calendar month before the one `at` falls in (UK, like Live MI), as "YYYY-MM": the month a pack built
 * on the 1st covers. 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London, so it gives March.
 */
export function previousMonth(at: Date): string {
  const [year, month] = monthOf(at).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The first and last day of a month, as the filters take them. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** "November 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The three Live MI tabs, in order. */
export const MI_TABS = [
  { key: 'volumes', label: 'Referral volumes' },
  { key: 'outcomes', label: 'Outcomes and attendance' },
  { key: 'turnaround', label: 'Turnaround times' },
] as const;

export type MiTab = (typeof MI_TABS)[number]['key'];

/**
 * Whom a monthly pack counts for: every case of the organisation that reached the provider. A pack is the
 * organisation's own report, listed to its MI viewers; it gives figures only, never a case.
 */
export const wholeOrganisation = (organisationId: string): Viewer => ({
  userId: '00000000-0000-0000-0000-000000000000',
  organisationId,
  seesAllSubmitted: true,
  // Seeing every submitted case, it needs no owners; the MI queries keep to the organisation themselves.
  visibleOwnerIds: [],
});

/** What a pack covers, in words. */
export function packScope(month: string): string {
  return `Every referral of the organisation sent to the provider in ${monthLabel(month)}, by the date it was sent.`;
}
