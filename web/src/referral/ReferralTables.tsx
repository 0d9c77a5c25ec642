import { type JSX, Show } from 'solid-js';
import type { ListFilter, ListSort, ReferralRow } from '../api.ts';
import { type Column as TableColumn, filteredColumn, type FilterOption } from '../components/DataTable.tsx';
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

/** The choices of the Status and Case Type filters, as the list has them. */
export type ColumnChoices = { statuses: readonly FilterOption[]; caseTypes?: readonly FilterOption[] | undefined };

/** Where each tab of a search result lives, as the tabs name it. */
const TAB_LABELS: Record<string, string> = {
  open: 'Open Cases',
  closed: 'Closed Cases',
  pending: 'Pending Triage',
  draft: 'Saved Referrals',
  rejected: 'Rejected Referrals',
  approval: 'Awaiting approval',
};

const text = (heading: string, key: ListFilter & ListSort, cell: (r: ReferralRow) => JSX.Element): Column =>
  filteredColumn(heading, key, cell);

/** View, and on a closed case the user may re-refer, Re-Refer (the case page's own action). */
function RowActions(props: { row: ReferralRow; reRefer?: ((row: ReferralRow) => void) | undefined }) {
  return (
    <div class="app-row-actions">
      <RowLink href={`/cases/${props.row.id}`} action="View" row={props.row} />
      <Show when={props.reRefer && props.row.canReRefer}>
        <button type="button" class="app-link-button" onClick={() => props.reRefer?.(props.row)}>
          Re-Refer<span class="govuk-visually-hidden"> {employeeName(props.row)}</span>
        </button>
      </Show>
    </div>
  );
}

/** Track Referrals' eleven columns, each sortable, all but the dates filterable. */
export const caseColumns = (
  choices: ColumnChoices,
  options: { reRefer?: (row: ReferralRow) => void; tabColumn?: boolean } = {},
): Column[] => [
  text('Employee', 'employee', employeeName),
  text('Case Number', 'caseNumber', caseNumberOrReference),
  ...(options.tabColumn ? [{ heading: 'Tab', cell: (r: ReferralRow) => TAB_LABELS[r.tab] ?? r.tab }] : []),
  text('Division', 'division', (r) => r.division ?? ''),
  text('Location', 'location', (r) => r.location ?? ''),
  text('Department', 'department', (r) => r.department ?? ''),
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short'), sort: 'received' },
  filteredColumn('Status', 'status', (r) => r.statusLabel, choices.statuses),
  filteredColumn('Case Type', 'caseType', (r) => r.caseType, choices.caseTypes),
  text('Owner', 'owner', (r) => r.owner),
  { heading: 'Recall Date', cell: (r) => formatDate(r.recallDate, 'short'), sort: 'recallDate' },
  { heading: options.reRefer ? 'Action' : 'View', cell: (r) => <RowActions row={r} reRefer={options.reRefer} /> },
];

/** The clinicians' view: which organisation a case is from matters more than its branch. */
export const providerColumns = (choices: ColumnChoices, options: { tabColumn?: boolean } = {}): Column[] => [
  text('Employee', 'employee', employeeName),
  text('Case Number', 'caseNumber', caseNumberOrReference),
  ...(options.tabColumn ? [{ heading: 'Tab', cell: (r: ReferralRow) => TAB_LABELS[r.tab] ?? r.tab }] : []),
  text('Organisation', 'organisation', (r) => r.organisation),
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short'), sort: 'received' },
  filteredColumn('Status', 'status', (r) => r.statusLabel, choices.statuses),
  { heading: 'Case Type', cell: (r) => r.caseType, sort: 'caseType' },
  { heading: 'Recall Date', cell: (r) => formatDate(r.recallDate, 'short'), sort: 'recallDate' },
  { heading: 'View', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View" row={r} /> },
];

export const DRAFT_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName, sort: 'employee' },
  { heading: 'Case Type', cell: (r) => r.caseType, sort: 'caseType' },
  { heading: 'Last saved', cell: (r) => formatDate(r.updatedAt, 'short'), sort: 'updatedAt' },
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
  { heading: 'Employee', cell: employeeName, sort: 'employee' },
  { heading: 'Reference', cell: (r) => r.reference },
  { heading: 'Position', cell: (r) => r.position ?? '', sort: 'position' },
  { heading: 'Postcode', cell: (r) => r.postcode ?? '', sort: 'postcode' },
  { heading: 'Case Type', cell: (r) => r.caseType, sort: 'caseType' },
  { heading: 'Received', cell: (r) => formatDate(r.received, 'short'), sort: 'received' },
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

/** Referrals awaiting their manager's approval: their author still sees them, and what happens next. */
export const APPROVAL_COLUMNS: Column[] = [
  { heading: 'Employee', cell: employeeName, sort: 'employee' },
  { heading: 'Reference', cell: (r) => r.reference },
  { heading: 'Case Type', cell: (r) => r.caseType, sort: 'caseType' },
  { heading: 'Submitted', cell: (r) => formatDate(r.received, 'short'), sort: 'received' },
  { heading: 'Status', cell: (r) => r.statusLabel, sort: 'status' },
  { heading: 'View', cell: (r) => <RowLink href={`/cases/${r.id}`} action="View" row={r} /> },
];
