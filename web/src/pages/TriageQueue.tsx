import { referenceOf } from '../../../domain/ids.ts';
import { api, type TriageRow } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { formatDate } from '../format.ts';
import { createQueuePage } from '../referral/queue-page.ts';

const COLUMNS: Column<TriageRow>[] = [
  { heading: 'Received', cell: (row) => formatDate(row.received, 'short') },
  { heading: 'Organisation', cell: (row) => row.organisation },
  { heading: 'Case Type', cell: (row) => row.caseType },
  { heading: 'Employee', cell: (row) => row.employee },
  // As the referrer's confirmation email gives it, for anyone who is asked about one.
  { heading: 'Reference', cell: (row) => referenceOf(row.id) },
  { heading: 'Status', cell: (row) => row.statusLabel },
  {
    heading: 'Triage',
    cell: (row) => (
      <a class="govuk-link" href={`/triage/${row.id}`}>
        Open<span class="govuk-visually-hidden"> referral for {row.employee}</span>
      </a>
    ),
  },
];

export function TriageQueue() {
  const queue = createQueuePage(api.triageQueue);
  return (
    <Page title="Triage Queue">
      <p class="govuk-body">Referrals waiting for a clinician to accept or reject them, oldest first.</p>
      <Async resource={queue.page}>
        {(page) => (
          <>
            <DataTable
              caption="Referrals waiting for triage"
              columns={COLUMNS}
              rows={page().rows}
              empty="There are no referrals waiting for triage."
            />
            <Pagination firstHref={queue.firstHref()} nextHref={queue.nextHref()} />
          </>
        )}
      </Async>
    </Page>
  );
}
