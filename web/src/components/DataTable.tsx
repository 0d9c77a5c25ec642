// biome-ignore-all lint/a11y/noRedundantRoles: Safari drops implicit table roles when the cards change display.
import { For, Show, type JSX } from 'solid-js';
import { TableWrapper } from './TableWrapper.tsx';

export type Column<T> = { heading: string; cell: (row: T) => JSX.Element };

/**
 * A GOV.UK table with a caption, each row a card on a phone (the styles of
 * .app-table--cards); when there are no rows, the caption as a heading and a
 * sentence instead. The roles are stated because the cards change how the
 * elements display, which makes some browsers forget they are a table.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty: string;
  small?: boolean;
}) {
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
        <table
          class={`govuk-table app-table--cards${props.small ? ' govuk-table--small-text-until-tablet' : ''}`}
          role="table"
        >
          <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
          <thead class="govuk-table__head" role="rowgroup">
            <tr class="govuk-table__row" role="row">
              <For each={props.columns}>
                {(column) => (
                  <th scope="col" class="govuk-table__header" role="columnheader">
                    {column.heading}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody class="govuk-table__body" role="rowgroup">
            <For each={props.rows}>
              {(row) => (
                <tr class="govuk-table__row" role="row">
                  <For each={props.columns}>
                    {(column) => (
                      <td class="govuk-table__cell" role="cell" data-label={column.heading}>
                        {column.cell(row)}
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableWrapper>
    </Show>
  );
}
