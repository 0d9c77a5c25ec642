import { Navigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, type JSX, Match, on, Show, Switch } from 'solid-js';
import { CASE_STATUSES, statusesInTab } from '../../../domain/statuses.ts';
import { api } from '../api.ts';
import { createActionRunner } from '../case/action-runner.ts';
import { useReRefer } from '../case/ReferralDecisions.tsx';
import { Async } from '../components/Async.tsx';
import type { FilterOption, TableFilters } from '../components/DataTable.tsx';
import { Button, Radios, Select, TextInput } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { ExportReferrals } from '../referral/ExportReferrals.tsx';
import { FILTER_KEYS, createReferralListing, type Listing } from '../referral/listing.ts';
import { caseColumns, providerColumns, ReferralTable } from '../referral/ReferralTables.tsx';
import { useSession } from '../session.tsx';
import { NotFound } from './NotFound.tsx';

type ListTab = { key: 'open' | 'closed' | 'pending'; label: string };

const EMPTY = { open: 'open cases', closed: 'closed cases', pending: 'referrals pending triage' } as const;

const statusChoices = (tabs: readonly ('open' | 'closed' | 'pending')[]): FilterOption[] =>
  tabs.flatMap((tab) => statusesInTab(tab)).map((key) => ({ value: key, label: CASE_STATUSES[key].label }));

/**
 * A searchable, tabbed, sortable, filterable, paginated list of the cases the user
 * may see, its whole view in the address. Track Referrals adds Filter by User, the
 * closed tab's "mine or all", Re-Refer on closed cases and the Excel export.
 */
function CaseList(props: { title: string; intro?: string; tabs: readonly ListTab[]; provider?: boolean }) {
  const referrer = !props.provider;
  const listing = createReferralListing(props.tabs, { closedScope: referrer });
  const runner = createActionRunner(() => undefined);
  const reRefer = useReRefer(runner);
  // Filter by User and the Case Type filter's choices (the forms of the user's organisation) are
  // conveniences: without them the list still works, so a failure leaves them out.
  const [owners] = createResource(
    () => referrer,
    () => api.referralOwners().catch(() => []),
  );
  const [caseTypes] = createResource(
    () => referrer,
    () => api.formTypes().catch(() => undefined),
  );
  const label = () => props.tabs.find((t) => t.key === listing.tab())!.label;
  const searching = () => listing.search() !== '';
  const filtered = () => Object.keys(listing.filters()).length > 0 || listing.user() !== '';
  const empty = () =>
    searching()
      ? `No open or closed cases match “${listing.search()}”${filtered() ? ' and the filters' : ''}.`
      : filtered()
        ? `No ${EMPTY[listing.tab()]} match the filters.`
        : `There are no ${EMPTY[listing.tab()]}.`;

  // Rebuilt only when what they show changes, so sorting keeps focus on the header's button.
  const shape = createMemo(() => `${searching() ? 'search' : listing.tab()}|${caseTypes.latest ? 'types' : ''}`);
  const columns = createMemo(
    on(shape, () => {
      const tabs = searching() ? (['open', 'closed'] as const) : ([listing.tab()] as const);
      const choices = {
        statuses: statusChoices(tabs),
        caseTypes: caseTypes.latest?.map((f) => ({ value: f.key, label: f.name })),
      };
      const showReRefer = referrer && (searching() || listing.tab() === 'closed');
      return props.provider
        ? providerColumns(choices, { tabColumn: searching() })
        : caseColumns(choices, {
            tabColumn: searching(),
            ...(showReRefer ? { reRefer: (row) => reRefer(row.id) } : {}),
          });
    }),
  );

  const table = (caption: () => string) => (
    <ListView listing={listing} referrer={referrer} owners={owners.latest ?? []}>
      {(filters) => (
        <Async resource={listing.page}>
          {(page) => (
            <>
              <ReferralTable
                caption={caption()}
                columns={columns()}
                rows={page().rows}
                empty={empty()}
                sort={{ key: listing.sort(), dir: listing.dir(), onSort: listing.sortBy }}
                filters={filters}
              />
              <Pagination prevHref={listing.prevHref()} nextHref={listing.nextHref()} />
            </>
          )}
        </Async>
      )}
    </ListView>
  );

  return (
    <Page
      title={props.title}
      error={runner.errors.errors().length > 0}
      notice={<FormNotice errors={runner.errors.errors()} />}
    >
      {props.intro ? <p class="govuk-body">{props.intro}</p> : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/help/statuses">
          What the statuses mean
        </a>
      </p>
      <SearchForm value={listing.search()} onSearch={listing.setSearch} />
      <Show when={referrer}>
        <ExportReferrals
          query={() => {
            const { tab, ...rest } = listing.query();
            // The closed sheet follows the closed tab's choice while it is shown; otherwise all the user may see.
            return { ...rest, scope: tab === 'closed' && !searching() ? listing.scope() : 'all' };
          }}
        />
      </Show>
      <Show
        when={searching()}
        fallback={
          <Tabs label="Cases" tabs={props.tabs} selected={listing.tab()} onSelect={listing.selectTab}>
            {table(label)}
          </Tabs>
        }
      >
        {table(() => 'Search results')}
      </Show>
    </Page>
  );
}

/**
 * The view's choices in one form: Filter by User and, on the closed tab, mine or all,
 * above the table; the filter boxes under its headers. Enter in any box, or Apply
 * filters, applies them all at once.
 */
function ListView(props: {
  listing: Listing;
  referrer: boolean;
  owners: readonly { id: string; name: string }[];
  children: (filters: TableFilters) => JSX.Element;
}) {
  const fromAddress = () => {
    const values: Record<string, string> = { ...props.listing.filters() };
    values.user = props.listing.user();
    values.scope = props.listing.scope();
    return values;
  };
  const [draft, setDraft] = createSignal<Record<string, string>>(fromAddress());
  createEffect(on(props.listing.view, () => setDraft(fromAddress()), { defer: true }));
  const set = (name: string, value: string) => setDraft({ ...draft(), [name]: value });
  const closedTab = () => props.referrer && props.listing.tab() === 'closed' && props.listing.search() === '';
  const apply = () => {
    const values = draft();
    props.listing.setFilters({
      ...Object.fromEntries(FILTER_KEYS.map((key) => [key, values[key] ?? ''])),
      user: values.user ?? '',
      ...(closedTab() ? { scope: values.scope === 'all' ? 'all' : '' } : {}),
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
      <Show when={props.referrer}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select
              id="user"
              label="Filter by User"
              placeholder="All users"
              options={props.owners.map((o) => ({ value: o.id, label: o.name }))}
              value={draft().user ?? ''}
              onInput={(value) => set('user', value)}
            />
          </div>
          <Show when={closedTab()}>
            <div class="govuk-grid-column-one-half">
              <Radios
                id="scope"
                label="Closed cases to show"
                inline
                options={[
                  { value: 'mine', label: 'My closed cases' },
                  { value: 'all', label: 'All I may see' },
                ]}
                value={draft().scope ?? 'mine'}
                onInput={(value) => set('scope', value)}
              />
            </div>
          </Show>
        </div>
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

const TRACK_TABS: ListTab[] = [
  { key: 'open', label: 'Open Cases' },
  { key: 'closed', label: 'Closed Cases' },
  { key: 'pending', label: 'Pending Triage' },
];

/** The referrer's cases: their own, those below them and those shared with them. */
export function TrackReferrals() {
  return <CaseList title="Track Referrals" tabs={TRACK_TABS} />;
}

/**
 * /cases is the clinicians' list. One list per role: a referrer who opens it is
 * sent to Track Referrals (the API would filter the rows, but the page and its
 * columns are the clinicians'); anyone else finds nothing here.
 */
export function Cases() {
  const session = useSession();
  const has = (key: string) => session.navigation.some((item) => item.key === key);
  return (
    <Switch fallback={<NotFound />}>
      <Match when={has('cases')}>
        <ProviderCases />
      </Match>
      <Match when={has('track-referrals')}>
        <Navigate href="/referrals" />
      </Match>
    </Switch>
  );
}

/** The clinicians' cases: every accepted case of every client organisation. */
function ProviderCases() {
  return (
    <CaseList
      title="Cases"
      intro="Every accepted case of every client organisation. New referrals wait in the Triage Queue."
      tabs={TRACK_TABS.slice(0, 2)}
      provider
    />
  );
}

export function SearchForm(props: { value: string; onSearch: (value: string) => void }) {
  const [value, setValue] = createSignal(props.value);
  createEffect(on(() => props.value, setValue, { defer: true }));
  return (
    <form
      role="search"
      class="govuk-!-margin-bottom-6"
      novalidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSearch(value());
      }}
    >
      <TextInput
        id="search"
        label="Search Open and Closed Cases"
        hint="Surname, forename, case number or reference"
        type="search"
        spellcheck={false}
        widthClass="govuk-input--width-20"
        groupClass="govuk-!-margin-bottom-3"
        value={value()}
        onInput={setValue}
      />
      <div class="govuk-button-group">
        <Button variant="secondary">Search</Button>
        {props.value ? (
          <a
            class="govuk-link"
            href="?"
            on:click={(event) => {
              event.preventDefault();
              setValue('');
              props.onSearch('');
            }}
          >
            Clear search
          </a>
        ) : null}
      </div>
    </form>
  );
}
