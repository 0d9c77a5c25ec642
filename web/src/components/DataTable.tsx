// biome-ignore-all lint/a11y/noRedundantRoles: Safari drops implicit table roles when the cards change display.
import { For, Show, type JSX } from 'solid-js';
import { TableWrapper } from './TableWrapper.tsx';

export type FilterOption = { value: string; label: string };

export type Column<T> = {
  heading: string;
  cell: (row: T) => JSX.Element;
  /** The key the list sorts this column by; a column without one is not sortable. */
  sort?: string;
  /** The query parameter its filter box sets, and for a select, its choices; without one, no filter. */
  filter?: { name: string; options?: readonly FilterOption[] };
};

/**
 * A column sorted and filtered by the same key: a text box, or a select of `options`;
 * `options: undefined` (choices not loaded) leaves the filter out until they arrive.
 */
export function filteredColumn<T>(
  heading: string,
  key: string,
  cell: (row: T) => JSX.Element,
  ...options: [] | [readonly FilterOption[] | undefined]
): Column<T> {
  const choices = options[0];
  if (options.length > 0 && !choices) return { heading, cell, sort: key };
  return { heading, cell, sort: key, filter: choices ? { name: key, options: choices } : { name: key } };
}

/** Sortable headers (the MOJ sortable table: a button in each header, aria-sort on the sorted one). */
export type TableSort = { key: string | undefined; dir: 'asc' | 'desc'; onSort: (key: string) => void };

/** The filter row: one labelled box under each filterable column, with the values typed so far. */
export type TableFilters = { values: Record<string, string>; onInput: (name: string, value: string) => void };

const ariaSort = (sort: TableSort | undefined, key: string | undefined) =>
  !sort || !key ? undefined : sort.key !== key ? 'none' : sort.dir === 'asc' ? 'ascending' : 'descending';

/**
 * A GOV.UK table with a caption, each row a card on a phone (the styles of
 * .app-table--cards); when there are no rows, the caption as a heading and a
 * sentence instead. The roles are stated because the cards change how the
 * elements display, which makes some browsers forget they are a table.
 *
 * With `sort`, each sortable column's header is a button; with `filters`, a row
 * of filter boxes sits under the headers (the page puts the table in a form, so
 * Enter in a box applies them) and the table stays, saying `empty`, when no row
 * matches, so the filters can be changed.
 */
export function DataTable<T>(props: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  empty: string;
  small?: boolean;
  sort?: TableSort | undefined;
  filters?: TableFilters | undefined;
}) {
  const controls = () => Boolean(props.sort || props.filters);
  return (
    <Show
      when={props.rows.length > 0 || props.filters}
      fallback={
        <>
          <h2 class="govuk-heading-m">{props.caption}</h2>
          <p class="govuk-body">{props.empty}</p>
        </>
      }
    >
      <TableWrapper label={props.caption}>
        <table
          class={`govuk-table app-table--cards${controls() ? ' app-table--controls' : ''}${props.small ? ' govuk-table--small-text-until-tablet' : ''}`}
          role="table"
        >
          <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
          <thead class="govuk-table__head" role="rowgroup">
            <tr class="govuk-table__row app-table__headings" role="row">
              <For each={props.columns}>
                {(column) => (
                  <th
                    scope="col"
                    class="govuk-table__header"
                    role="columnheader"
                    aria-sort={ariaSort(props.sort, column.sort)}
                  >
                    <Show when={props.sort && column.sort} fallback={column.heading}>
                      <SortButton heading={column.heading} sort={props.sort!} sortKey={column.sort!} />
                    </Show>
                  </th>
                )}
              </For>
            </tr>
            <Show when={props.filters}>
              {(filters) => (
                <tr class="govuk-table__row app-table__filters" role="row">
                  <For each={props.columns}>
                    {(column) => (
                      <td class="govuk-table__cell" role="cell">
                        <Show when={column.filter}>
                          {(filter) => <FilterBox heading={column.heading} filter={filter()} filters={filters()} />}
                        </Show>
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </Show>
          </thead>
          <tbody class="govuk-table__body" role="rowgroup">
            <For
              each={props.rows}
              fallback={
                <tr class="govuk-table__row" role="row">
                  <td class="govuk-table__cell app-table__empty" role="cell" colSpan={props.columns.length}>
                    {props.empty}
                  </td>
                </tr>
              }
            >
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

/**
 * The MOJ sortable table's header button. Its arrows are drawn by the styles
 * (decoration: aria-sort on the header says the order), so the header's text
 * stays the column's name.
 */
function SortButton(props: { heading: string; sort: TableSort; sortKey: string }) {
  const state = () => (props.sort.key !== props.sortKey ? 'none' : props.sort.dir);
  return (
    <button type="button" class="app-sort-button" data-sort={state()} onClick={() => props.sort.onSort(props.sortKey)}>
      {props.heading}
    </button>
  );
}

function FilterBox(props: { heading: string; filter: NonNullable<Column<unknown>['filter']>; filters: TableFilters }) {
  const id = () => `filter-${props.filter.name}`;
  const value = () => props.filters.values[props.filter.name] ?? '';
  return (
    <>
      <label class="govuk-label app-table__filter-label" for={id()}>
        Filter by {props.heading}
      </label>
      <Show
        when={props.filter.options}
        fallback={
          <input
            class="govuk-input app-table__filter"
            id={id()}
            name={props.filter.name}
            type="text"
            // As narrow as the column lets it be: the table, not the box, sets the width.
            size={1}
            autocomplete="off"
            spellcheck={false}
            value={value()}
            onInput={(e) => props.filters.onInput(props.filter.name, e.currentTarget.value)}
          />
        }
      >
        {(options) => (
          <select
            class="govuk-select app-table__filter"
            id={id()}
            name={props.filter.name}
            onChange={(e) => props.filters.onInput(props.filter.name, e.currentTarget.value)}
          >
            <option value="" selected={value() === ''}>
              Any
            </option>
            <For each={options()}>
              {(option) => (
                <option value={option.value} selected={value() === option.value}>
                  {option.label}
                </option>
              )}
            </For>
          </select>
        )}
      </Show>
    </>
  );
}
