import type { ReferralRow } from '../api.ts';
import { DataTable, type Column as TableColumn } from '../components/DataTable.tsx';
import { formatDate } from '../format.ts';

type Column = TableColumn<ReferralRow>;

const employeeName = (row: ReferralRow) => row.employee || 'Employee not named yet';
/** The case number, or until there is one the reference the referral's emails give. */
const caseNumberOrReference = (row: ReferralRow) => row.caseNumber ?? `${row.reference} (reference)`;

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
  { heading: 'Case Number', cell: caseNumberOrReference },
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

/** The clinicians' view: which organisation a case is from matters more than its branch. */
export const PROVIDER_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Case Number', cell: caseNumberOrReference },
  { heading: 'Organisation', cell: (r) => r.organisation },
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short') },
  { heading: 'Status', cell: (r) => r.statusLabel },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Recall Date', cell: (r) => formatDate(r.recallDate, 'short') },
  { heading: 'View', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View" row={r} /> },
];

export const DRAFT_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Last saved', cell: (r) => formatDate(r.updatedAt, 'short') },
  {
    heading: 'Action',
    cell: (r) => (
      <div class="app-row-actions">
        <RowLink href={`/referrals/${r.id}/edit`} action="Continue" row={r} />
        <RowLink href={`/referrals/${r.id}/delete`} action="Delete" row={r} />
      </div>
    ),
  },
];

/** Rejected referrals, each with Re-Refer (a button the page provides) and Delete. */
export const rejectedColumns = (reRefer: (row: ReferralRow) => void): Column[] => [
  { heading: 'Employee', cell: employeeName },
  { heading: 'Reference', cell: (r) => r.reference },
  { heading: 'Case Type', cell: (r) => r.caseType },
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short') },
  { heading: 'Reason', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View reason" row={r} /> },
  {
    heading: 'Action',
    cell: (r) => (
      <div class="app-row-actions">
        <button type="button" class="app-link-button" onClick={() => reRefer(r)}>
          Re-Refer<span class="govuk-visually-hidden"> {employeeName(r)}</span>
        </button>
        <RowLink href={`/referrals/${r.id}/delete`} action="Delete" row={r} />
      </div>
    ),
  },
];

export function ReferralTable(props: {
  caption: string;
  columns: readonly Column[];
  rows: readonly ReferralRow[];
  empty: string;
}) {
  return <DataTable caption={props.caption} columns={props.columns} rows={props.rows} empty={props.empty} small />;
}
