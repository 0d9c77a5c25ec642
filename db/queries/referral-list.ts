import type { Knex } from 'knex';
import { idRangeOfReference, referenceOf } from '../../domain/ids.ts';
import { CASE_STATUSES, statusesInTab, type CaseStatus, type StatusTab } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { pageOf, pageQuery, type Page } from './keyset.ts';
import { visibleReferrals } from './visibility.ts';

export type ReferralListOptions = {
  tab: Extract<StatusTab, 'open' | 'closed' | 'pending' | 'draft' | 'rejected' | 'approval'>;
  /** Surname, case number or reference (FF4C13BD), across the tab. */
  search?: string;
  limit: number;
  /** Opaque keyset cursor from the previous page. */
  cursor?: string;
};

export type ReferralListRow = {
  id: string;
  /** What the referral is known by until it has a case number, as its emails say. */
  reference: string;
  employee: string;
  caseNumber: string | null;
  division: string | null;
  location: string | null;
  department: string | null;
  received: string | null;
  status: CaseStatus;
  statusLabel: string;
  caseType: string;
  organisation: string;
  owner: string;
  recallDate: string | null;
  updatedAt: string;
};

/** One page of a referral list, newest activity first, keyset-paginated. */
export async function listReferrals(
  db: Knex,
  viewer: Viewer,
  options: ReferralListOptions,
): Promise<Page<ReferralListRow>> {
  const query = visibleReferrals(db, viewer)
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .join('users as o', 'o.id', 'r.owner_id')
    .join('organisations as org', 'org.id', 'r.organisation_id')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .leftJoin('divisions as dv', 'dv.id', 'r.division_id')
    .leftJoin('departments as dp', 'dp.id', 'r.department_id')
    .whereIn('r.status', statusesInTab(options.tab))
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
  const search = options.search?.trim();
  if (search) {
    const ids = idRangeOfReference(search);
    query.where((w) => {
      w.whereRaw('lower(r.employee_surname) = lower(?)', [search]).orWhereRaw('lower(r.case_number) = lower(?)', [
        search,
      ]);
      // A range of the primary key, not a cast to text and LIKE, so its index can answer.
      if (ids) w.orWhereBetween('r.id', [...ids]);
    });
  }

  const rows = (await pageQuery(db, query, { key: 'r.updated_at', id: 'r.id', direction: 'desc' }, options)) as Record<
    string,
    unknown
  >[];
  return pageOf(
    rows,
    options.limit,
    (r): ReferralListRow => ({
      id: r.id as string,
      reference: referenceOf(r.id as string),
      employee: [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' '),
      caseNumber: (r.caseNumber as string | null) ?? null,
      division: (r.division as string | null) ?? null,
      location: (r.location as string | null) ?? null,
      department: (r.department as string | null) ?? null,
      received: r.received ? new Date(r.received as string).toISOString() : null,
      status: r.status as CaseStatus,
      statusLabel: CASE_STATUSES[r.status as CaseStatus].label,
      caseType: r.caseType as string,
      organisation: r.organisation as string,
      owner: r.owner as string,
      recallDate: (r.recallDate as string | null) ?? null,
      updatedAt: new Date(r.updatedAt as string).toISOString(),
    }),
  );
}
