import { For, Show, type JSX } from 'solid-js';
import type { ReferralRow } from '../api.ts';
import { TableWrapper } from '../components/TableWrapper.tsx';
import { formatDate } from '../format.ts';

type Column = { heading: string; cell: (row: ReferralRow) => JSX.Element };

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
  return (
    <Show
      when={props.rows.length > 0}
      fallback={
        <>
          <h2 class="govuk-heading-m">{props.caption}</h2>
          <p class="govuk-body">{props.empty}</p>
        </>
      }
    >
      <TableWrapper label={props.caption}>
        <table class="govuk-table govuk-table--small-text-until-tablet">
          <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <For each={props.columns}>
                {(column) => (
                  <th scope="col" class="govuk-table__header">
                    {column.heading}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            <For each={props.rows}>
              {(row) => (
                <tr class="govuk-table__row">
                  <For each={props.columns}>{(column) => <td class="govuk-table__cell">{column.cell(row)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableWrapper>
    </Show>
  );
}
