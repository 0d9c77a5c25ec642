import type { Knex } from 'knex';
import { CASE_STATUSES, type CaseStatus } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { pageOf, pageQuery, type Keyset, type Page } from './keyset.ts';
import { visibleReferrals } from './visibility.ts';

/**
 * Both queues run oldest first by when the referral was sent. A queued referral
 * always has submitted_at (written with its status), but a row without one still
 * takes a place, by its creation, rather than dropping out of every page. The
 * index referrals_queue_order follows this expression exactly.
 */
export const QUEUE_ORDER: Keyset = { key: 'coalesce(r.submitted_at, r.created_at)', id: 'r.id', direction: 'asc' };

export type TriageQueueRow = {
  id: string;
  organisation: string;
  caseType: string;
  employee: string;
  received: string | null;
  statusLabel: string;
};

/** Referrals waiting for a clinician to accept or reject them, oldest first, keyset-paginated. */
export async function listTriageQueue(
  db: Knex,
  viewer: Viewer,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<TriageQueueRow>> {
  const query = visibleReferrals(db, viewer)
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .join('organisations as o', 'o.id', 'r.organisation_id')
    .where('r.status', 'pending_triage')
    .select(
      'r.id',
      'o.name as organisation',
      'f.name as case_type',
      'r.employee_first_name',
      'r.employee_surname',
      'r.submitted_at',
      'r.status',
    );
  const rows = (await pageQuery(db, query, QUEUE_ORDER, options)) as Record<string, unknown>[];
  return pageOf(
    rows,
    options.limit,
    (r): TriageQueueRow => ({
      id: r.id as string,
      organisation: r.organisation as string,
      caseType: r.caseType as string,
      employee: [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' '),
      received: r.submittedAt ? new Date(r.submittedAt as string).toISOString() : null,
      statusLabel: CASE_STATUSES[r.status as CaseStatus].label,
    }),
  );
}
