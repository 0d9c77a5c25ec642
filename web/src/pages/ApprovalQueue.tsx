import { referenceOf } from '../../../domain/ids.ts';
import { api, type ApprovalRow } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { formatDate } from '../format.ts';
import { createQueuePage } from '../referral/queue-page.ts';

const COLUMNS: Column<ApprovalRow>[] = [
  { heading: 'Submitted', cell: (row) => formatDate(row.submittedAt, 'short') },
  { heading: 'Employee', cell: (row) => row.employee || 'Employee not named' },
  // As the referrer's confirmation email gives it, for anyone who is asked about one.
  { heading: 'Reference', cell: (row) => referenceOf(row.id) },
  { heading: 'Case Type', cell: (row) => row.caseType },
  { heading: 'Referred by', cell: (row) => row.referrer },
  {
    heading: 'Decision',
    cell: (row) => (
      <a class="govuk-link" href={`/cases/${row.id}`}>
        Review<span class="govuk-visually-hidden"> referral for {row.employee}</span>
      </a>
    ),
  },
];

/** Referrals from the people this user manages, waiting for their approval. */
export function ApprovalQueue() {
  const queue = createQueuePage(api.approvalQueue);
  return (
    <Page title="Approval Queue">
      <p class="govuk-body">
        Your organisation asks managers to approve referrals before they go to the provider. These are waiting for you,
        oldest first.
      </p>
      <Async resource={queue.page}>
        {(page) => (
          <>
            <DataTable
              caption="Referrals waiting for your approval"
              columns={COLUMNS}
              rows={page().rows}
              empty="There are no referrals waiting for your approval."
            />
            <Pagination firstHref={queue.firstHref()} nextHref={queue.nextHref()} />
          </>
        )}
      </Async>
    </Page>
  );
}
