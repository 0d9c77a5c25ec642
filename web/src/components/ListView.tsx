import { createEffect, createSignal, type JSX, on, type Resource, Show } from 'solid-js';
import type { SortedListing } from '../sorted-listing.ts';
import { Async } from './Async.tsx';
import { type Column, DataTable, type TableFilters } from './DataTable.tsx';
import { Button, Select } from './fields.tsx';
import { Pagination } from './Pagination.tsx';

type Values = Record<string, string>;

/** More choices kept in the view's draft beside Filter by User (the closed tab's "mine or all"). */
export type MoreChoices = {
  /** Their values as the address has them. */
  values: () => Values;
  /** Their controls, drawing on the draft; null when none apply now. */
  control: (draft: () => Values, set: (name: string, value: string) => void) => JSX.Element;
  /** Their part of the view from the draft, when applied. */
  apply: (draft: Values) => Values;
};

/**
 * A tracking list's view choices in one form: Filter by User (given its owners) above the
 * table, the filter boxes under its headers. Enter in any box, or Apply filters, applies
 * them all at once; Clear filters clears them.
 */
export function ListView(props: {
  listing: SortedListing;
  owners?: readonly { id: string; name: string }[] | undefined;
  more?: MoreChoices | undefined;
  children: (filters: TableFilters) => JSX.Element;
}) {
  const fromAddress = (): Values => ({
    ...props.listing.filters(),
    user: props.listing.user(),
    ...props.more?.values(),
  });
  const [draft, setDraft] = createSignal<Values>(fromAddress());
  createEffect(on(props.listing.view, () => setDraft(fromAddress()), { defer: true }));
  const set = (name: string, value: string) => setDraft({ ...draft(), [name]: value });
  const apply = () => {
    const values = draft();
    props.listing.setFilters({
      ...Object.fromEntries(props.listing.filterKeys.map((key) => [key, values[key] ?? ''])),
      user: values.user ?? '',
      ...props.more?.apply(values),
    });
  };
  return (
    <form
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <Show when={props.owners}>
        {(owners) => (
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">
              <Select
                id="user"
                label="Filter by User"
                placeholder="All users"
                options={owners().map((o) => ({ value: o.id, label: o.name }))}
                value={draft().user ?? ''}
                onInput={(value) => set('user', value)}
              />
            </div>
            {props.more?.control(draft, set)}
          </div>
        )}
      </Show>
      {props.children({
        get values() {
          return draft();
        },
        onInput: set,
      })}
      <div class="govuk-button-group">
        <Button variant="secondary">Apply filters</Button>
        <a
          class="govuk-link"
          href="?"
          on:click={(event) => {
            event.preventDefault();
            props.listing.clearFilters();
          }}
        >
          Clear filters
        </a>
      </div>
    </form>
  );
}

/** A tracking list's page: its sortable table (small text until tablet) and the keyset pages' links. */
export function ListTable<T>(props: {
  listing: SortedListing;
  page: Resource<{ rows: T[] }>;
  caption: string;
  columns: readonly Column<T>[];
  empty: string;
  filters?: TableFilters | undefined;
}) {
  return (
    <Async resource={props.page}>
      {(page) => (
        <>
          <DataTable
            caption={props.caption}
            columns={props.columns}
            rows={page().rows}
            empty={props.empty}
            sort={{ key: props.listing.sort(), dir: props.listing.dir(), onSort: props.listing.sortBy }}
            filters={props.filters}
            small
          />
          <Pagination prevHref={props.listing.prevHref()} nextHref={props.listing.nextHref()} />
        </>
      )}
    </Async>
  );
}
