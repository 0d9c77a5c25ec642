import { createResource } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate, formatTime } from '../format.ts';

/** The case's history of owners: who reassigned it, from whom, to whom and why, oldest first. */
export function CaseHistory(props: { referral: Referral }) {
  const [entries] = createResource(() => props.referral.id, api.caseReassignments);
  return (
    <DataTable
      caption="Reassignments"
      empty={entries.loading ? 'Loading the history…' : 'This case has not been reassigned.'}
      rows={entries.latest ?? []}
      columns={[
        { heading: 'Date', cell: (e) => `${formatDate(e.at, 'short')} ${formatTime(e.at)}` },
        { heading: 'Reassigned by', cell: (e) => e.by },
        { heading: 'From', cell: (e) => e.from },
        { heading: 'To', cell: (e) => e.to },
        { heading: 'Reason', cell: (e) => <span class="app-multiline">{e.reason}</span> },
      ]}
    />
  );
}
