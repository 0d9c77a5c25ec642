import type { Knex } from 'knex';
import { idRangeOfReference, referenceOf } from '../../domain/ids.ts';
import { allowedSteps } from '../../domain/referral-transitions.ts';
import { CASE_STATUSES, type CaseStatus, type StatusTab, statusesInTab } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import type { Page } from './keyset.ts';
import { defineList, type ListOwner, ownersOf, sortedListPage } from './sorted-list.ts';
import { visibleReferrals } from './visibility.ts';

export const LIST_TABS = ['open', 'closed', 'pending', 'draft', 'rejected', 'approval'] as const;
export type ListTab = (typeof LIST_TABS)[number];

/**
 * Every sort key of the list, as SQL written here. Nullable columns are coalesced
 * (see SortKey); the expressions on `referrals` alone are indexed exactly as
 * written here by the migration 20261202000100_create_track_referral_indexes.
 * Names from other tables are sorted by their lower-cased copies on `referrals`
 * (the *_sort columns, kept by triggers: 20261203000200_add_referral_sort_columns_h2),
 * so an index gives the order; the "contains" filters read the joined names.
 */
const REFERRAL_LIST = defineList({
  id: 'r.id',
  defaultSort: 'updatedAt',
  sorts: {
    employee: {
      sql: "lower(coalesce(r.employee_surname, '') || ' ' || coalesce(r.employee_first_name, ''))",
      type: 'text',
    },
    caseNumber: { sql: "coalesce(r.case_number, '')", type: 'text' },
    division: { sql: 'r.division_sort', type: 'text' },
    location: { sql: 'r.location_sort', type: 'text' },
    department: { sql: 'r.department_sort', type: 'text' },
    received: { sql: "coalesce(r.submitted_at, '-infinity'::timestamptz)", type: 'timestamptz' },
    status: { sql: 'r.status', type: 'text' },
    caseType: { sql: 'r.case_type_sort', type: 'text' },
    organisation: { sql: 'r.organisation_sort', type: 'text' },
    owner: { sql: 'r.owner_sort', type: 'text' },
    recallDate: { sql: "coalesce(r.recall_date, '-infinity'::date)", type: 'date' },
    updatedAt: { sql: 'r.updated_at', type: 'timestamptz' },
    // Rejected Referrals only: answers kept in the form, as the seed shows them.
    position: { sql: "lower(coalesce(r.form_data->>'employeeJobTitle', ''))", type: 'text' },
    postcode: { sql: "lower(coalesce(r.form_data->>'employeePostcode', ''))", type: 'text' },
  },
  contains: {
    employee: "coalesce(r.employee_first_name, '') || ' ' || coalesce(r.employee_surname, '')",
    caseNumber: 'r.case_number',
    division: 'dv.name',
    location: 'l.name',
    department: 'dp.name',
    organisation: 'org.name',
    owner: "o.first_name || ' ' || o.surname",
  },
});

export const LIST_SORTS = REFERRAL_LIST.sortNames;
type ListSort = (typeof LIST_SORTS)[number];
export const CONTAINS_FILTER_NAMES = REFERRAL_LIST.containsNames;

/** What narrows and orders the list: the same for a page and for the export. */
export type ReferralListFilters = {
  tab: ListTab;
  sort?: ListSort | undefined;
  dir?: 'asc' | 'desc' | undefined;
  /** Case-insensitive "contains" on each column's text. */
  employee?: string | undefined;
  caseNumber?: string | undefined;
  division?: string | undefined;
  location?: string | undefined;
  department?: string | undefined;
  organisation?: string | undefined;
  owner?: string | undefined;
  /** Exact keys. */
  status?: CaseStatus | undefined;
  caseType?: string | undefined;
  /** Filter by User: cases that user owns (still only those the viewer may see). */
  user?: string | undefined;
  /** Closed tab: the viewer's own cases (the default for client users) or all they may see. */
  scope?: 'mine' | 'all' | undefined;
  /** Surname, forename, case number or reference, across open and closed cases at once (and the tab's own). */
  search?: string | undefined;
  /** false: the search looks in `tab` only (each worksheet of the export). */
  searchAcrossTabs?: boolean | undefined;
};

export type ReferralListOptions = ReferralListFilters & {
  limit: number;
  /** Opaque keyset cursor from the previous page. */
  cursor?: string | undefined;
};

/** What the row's actions depend on beyond visibility. */
export type ListViewer = Viewer & { mayRefer?: boolean };

export type ReferralListRow = {
  id: string;
  /** What the referral is known by until it has a case number, as its emails say. */
  reference: string;
  /** The tab the row is listed in (a search spans several). */
  tab: StatusTab;
  employee: string;
  caseNumber: string | null;
  division: string | null;
  location: string | null;
  department: string | null;
  received: string | null;
  status: CaseStatus;
  statusLabel: string;
  statusExplanation: string;
  caseType: string;
  organisation: string;
  owner: string;
  recallDate: string | null;
  updatedAt: string;
  position: string | null;
  postcode: string | null;
  /** Whether this viewer may re-refer it (closed cases, and their own rejected referrals). */
  canReRefer: boolean;
};

/** Closed cases default to the viewer's own, unless they see every submitted case (a clinician). */
const closedScopeOf = (viewer: Viewer, filters: ReferralListFilters) =>
  filters.scope ?? (viewer.seesAllSubmitted ? 'all' : 'mine');

/** The rows of the list, filtered, in no order yet. */
function filteredReferrals(
  db: Knex,
  viewer: Viewer,
  filters: ReferralListFilters,
  forExport = false,
): Knex.QueryBuilder {
  const query = visibleReferrals(db, viewer)
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .join('users as o', 'o.id', 'r.owner_id')
    .join('organisations as org', 'org.id', 'r.organisation_id')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .leftJoin('divisions as dv', 'dv.id', 'r.division_id')
    .leftJoin('departments as dp', 'dp.id', 'r.department_id')
    .select(
      'r.id',
      'r.employee_first_name',
      'r.employee_surname',
      'r.case_number',
      'dv.name as division',
      'l.name as location',
      'dp.name as department',
      'r.submitted_at as received',
      'r.status',
      'f.name as case_type',
      'org.name as organisation',
      db.raw("o.first_name || ' ' || o.surname as owner"),
      'r.recall_date',
      'r.updated_at',
    );
  // The page's own columns; the export does without them (position and postcode read each form's JSON).
  if (!forExport)
    query.select(
      'r.author_id',
      db.raw("r.form_data->>'employeeJobTitle' as position"),
      db.raw("r.form_data->>'employeePostcode' as postcode"),
    );

  const search = filters.search?.trim();
  if (search) {
    // Open and closed cases at once, and pending triage too: a reference from the submission email
    // must find a referral the provider has not triaged yet. The tab searched from is included,
    // so a reference typed in Saved Referrals still finds its draft there.
    const tabs = new Set<StatusTab>(
      filters.searchAcrossTabs === false ? [filters.tab] : ['open', 'pending', 'closed', filters.tab],
    );
    query.whereIn(
      'r.status',
      [...tabs].flatMap((tab) => statusesInTab(tab)),
    );
    if (filters.tab === 'approval')
      query.where((w) => w.whereNot('r.status', 'awaiting_approval').orWhere('r.author_id', viewer.userId));
    const ids = idRangeOfReference(search);
    query.where((w) => {
      w.whereRaw('lower(r.employee_surname) = lower(?)', [search])
        .orWhereRaw('lower(r.employee_first_name) = lower(?)', [search])
        .orWhereRaw('lower(r.case_number) = lower(?)', [search]);
      // A range of the primary key, not a cast to text and LIKE, so its index can answer.
      if (ids) w.orWhereBetween('r.id', [...ids]);
    });
  } else {
    query.whereIn('r.status', statusesInTab(filters.tab));
    // Saved Referrals → Awaiting approval: the viewer's own referrals waiting for their manager.
    if (filters.tab === 'approval') query.where('r.author_id', viewer.userId);
    if (filters.tab === 'closed' && closedScopeOf(viewer, filters) === 'mine') query.where('r.owner_id', viewer.userId);
  }

  if (filters.status) query.where('r.status', filters.status);
  if (filters.caseType) query.where('f.key', filters.caseType);
  if (filters.user) query.where('r.owner_id', filters.user);
  return query;
}

/** The employee as both the list and the export show them: forename then surname. */
const employeeName = (r: Record<string, unknown>) => [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' ');

const isoOrNull = (at: unknown) => (at ? new Date(at as string).toISOString() : null);

/** A database row of referralListRows as the list shows it. */
function presentListRow(viewer: ListViewer, r: Record<string, unknown>): ReferralListRow {
  const status = r.status as CaseStatus;
  const definition = CASE_STATUSES[status];
  const caseNumber = (r.caseNumber as string | null) ?? null;
  return {
    id: r.id as string,
    reference: referenceOf(r.id as string),
    tab: definition.tab,
    employee: employeeName(r),
    caseNumber,
    division: (r.division as string | null) ?? null,
    location: (r.location as string | null) ?? null,
    department: (r.department as string | null) ?? null,
    received: isoOrNull(r.received),
    status,
    statusLabel: definition.label,
    statusExplanation: definition.explanation,
    caseType: r.caseType as string,
    organisation: r.organisation as string,
    owner: r.owner as string,
    recallDate: (r.recallDate as string | null) ?? null,
    updatedAt: new Date(r.updatedAt as string).toISOString(),
    position: (r.position as string | null) ?? null,
    postcode: (r.postcode as string | null) ?? null,
    canReRefer: allowedSteps(
      { status, caseNumber },
      {
        isAuthor: r.authorId === viewer.userId,
        isAuthorsManager: false,
        isApprover: false,
        isClinician: false,
        isReferrer: viewer.mayRefer ?? false,
      },
    ).reRefer,
  };
}

/** One page of a referral list in the chosen order, keyset-paginated. */
export async function listReferrals(
  db: Knex,
  viewer: ListViewer,
  options: ReferralListOptions,
): Promise<Page<ReferralListRow>> {
  return sortedListPage(db, REFERRAL_LIST, filteredReferrals(db, viewer, options), options, (r) =>
    presentListRow(viewer, r),
  );
}

/**
 * A row of Export Referrals: the list's columns and nothing else, its instants left as the
 * driver's Dates (the workbook writes dates, not text), so a 100,000-row export builds no
 * more per row than the file needs.
 */
export type ReferralExportRow = {
  employee: string;
  caseNumber: string | null;
  division: string | null;
  location: string | null;
  department: string | null;
  received: Date | null;
  statusLabel: string;
  caseType: string;
  organisation: string;
  owner: string;
  recallDate: string | null;
  updatedAt: Date;
};

const exportRowOf = (r: Record<string, unknown>): ReferralExportRow => ({
  employee: employeeName(r),
  caseNumber: (r.caseNumber as string | null) ?? null,
  division: (r.division as string | null) ?? null,
  location: (r.location as string | null) ?? null,
  department: (r.department as string | null) ?? null,
  received: (r.received as Date | null) ?? null,
  statusLabel: CASE_STATUSES[r.status as CaseStatus].label,
  caseType: r.caseType as string,
  organisation: r.organisation as string,
  owner: r.owner as string,
  recallDate: (r.recallDate as string | null) ?? null,
  updatedAt: r.updatedAt as Date,
});

/** One page of Export Referrals: the same rows in the same order as listReferrals, as the workbook needs them. */
export async function listReferralsForExport(
  db: Knex,
  viewer: Viewer,
  options: ReferralListOptions,
): Promise<Page<ReferralExportRow>> {
  return sortedListPage(db, REFERRAL_LIST, filteredReferrals(db, viewer, options, true), options, exportRowOf);
}

/** Filter by User: the people whose cases the viewer may see, by surname. */
export function listVisibleOwners(db: Knex, viewer: Viewer): Promise<ListOwner[]> {
  return ownersOf(db, visibleReferrals(db, viewer).whereNot('r.status', 'deleted'), 'r.owner_id');
}
