import { For, Show, type JSX } from 'solid-js';
import { TableWrapper } from './TableWrapper.tsx';

export type Column<T> = { heading: string; cell: (row: T) => JSX.Element };

/**
 * A GOV.UK table with a caption, in a wrapper that scrolls on narrow screens;
 * when there are no rows, the caption as a heading and a sentence instead.
 */
export function DataTable<T>(props: { caption: string; columns: readonly Column<T>[]; rows: readonly T[]; empty: string; small?: boolean }) {
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
        <table class={`govuk-table${props.small ? ' govuk-table--small-text-until-tablet' : ''}`}>
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
