import type { ReferralRow } from '../api.ts';
import { DataTable, type Column as TableColumn } from '../components/DataTable.tsx';
import { formatDate } from '../format.ts';

type Column = TableColumn<ReferralRow>;

const employeeName = (row: ReferralRow) => row.employee || 'Employee not named yet';

/** A link whose hidden text says which row it acts on, for screen reader link lists. */
function RowLink(props: { href: string; action: string; row: ReferralRow }) {
  return (
    <a class="govuk-link" href={props.href}>
      {props.action}
      <span class="govuk-visually-hidden"> {employeeName(props.row)}</span>
    </a>
  );
}

export const CASE_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Case Number', cell: (r) => r.caseNumber ?? '' },
  { heading: 'Division', cell: (r) => r.division ?? '' },
  { heading: 'Location', cell: (r) => r.location ?? '' },
  { heading: 'Department', cell: (r) => r.department ?? '' },
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short') },
  { heading: 'Status', cell: (r) => r.statusLabel },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Owner', cell: (r) => r.owner },
  { heading: 'Recall Date', cell: (r) => formatDate(r.recallDate, 'short') },
  { heading: 'View', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View" row={r} /> },
];

export const DRAFT_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Last saved', cell: (r) => formatDate(r.updatedAt, 'short') },
  { heading: 'Action', cell: (r) => <RowLink href={`/referrals/${r.id}/edit`} action="Continue" row={r} /> },
];

export const REJECTED_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short') },
  { heading: 'Status', cell: (r) => r.statusLabel },
  { heading: 'View', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View" row={r} /> },
];

export function ReferralTable(props: { caption: string; columns: readonly Column[]; rows: readonly ReferralRow[]; empty: string }) {
  return <DataTable caption={props.caption} columns={props.columns} rows={props.rows} empty={props.empty} small />;
}
