import type { Knex } from 'knex';
import type { Viewer } from '../../domain/visibility.ts';
import { pageOf, pageQuery, type Page } from './keyset.ts';
import { QUEUE_ORDER } from './triage-queue.ts';
import { visibleReferrals } from './visibility.ts';

export type ApprovalQueueRow = {
  id: string;
  employee: string;
  caseType: string;
  referrer: string;
  submittedAt: string | null;
};

/**
 * The Approval Queue: referrals awaiting approval whose author the viewer
 * manages, oldest first, keyset-paginated. Only those the visibility rule lets
 * the viewer see, so everything listed here also opens.
 */
export async function listApprovalQueue(
  db: Knex,
  viewer: Viewer,
  options: { limit: number; cursor?: string | undefined },
): Promise<Page<ApprovalQueueRow>> {
  const query = visibleReferrals(db, viewer)
    .join('memberships as m', (j) => j.on('m.user_id', 'r.author_id').andOn('m.organisation_id', 'r.organisation_id'))
    .join('users as a', 'a.id', 'r.author_id')
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .where({ 'r.status': 'awaiting_approval', 'm.manager_id': viewer.userId })
    .select(
      'r.id',
      'r.employee_first_name',
      'r.employee_surname',
      'r.submitted_at',
      'f.name as case_type',
      db.raw("a.first_name || ' ' || a.surname as referrer"),
    );
  const rows = (await pageQuery(db, query, QUEUE_ORDER, options)) as Record<string, unknown>[];
  return pageOf(
    rows,
    options.limit,
    (r): ApprovalQueueRow => ({
      id: r.id as string,
      employee: [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' '),
      caseType: r.caseType as string,
      referrer: r.referrer as string,
      submittedAt: r.submittedAt ? new Date(r.submittedAt as string).toISOString() : null,
    }),
  );
}
