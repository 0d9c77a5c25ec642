import { Navigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, Match, on, Show, Switch } from 'solid-js';
import { CASE_STATUSES, statusesInTab } from '../../../domain/statuses.ts';
import { api, type ListQuery } from '../api.ts';
import { createActionRunner } from '../case/action-runner.ts';
import { useReRefer } from '../case/ReferralDecisions.tsx';
import type { FilterOption } from '../components/DataTable.tsx';
import { ExportWorkbook } from '../components/ExportWorkbook.tsx';
import { Button, Radios, TextInput } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Page } from '../components/Page.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { ListTable, ListView, type MoreChoices } from '../components/ListView.tsx';
import { createReferralListing, type Listing } from '../referral/listing.ts';
import { caseColumns, providerColumns } from '../referral/ReferralTables.tsx';
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
    <ListView
      listing={listing}
      owners={referrer ? (owners.latest ?? []) : undefined}
      more={referrer ? closedScope(listing) : undefined}
    >
      {(filters) => (
        <ListTable
          listing={listing}
          page={listing.page}
          caption={caption()}
          columns={columns()}
          empty={empty()}
          filters={filters}
        />
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
        <ExportWorkbook
          heading="Export Referrals"
          hint="An Excel workbook of the open cases (first sheet) and closed cases (second sheet) you may see, with the filters below."
          download={(onProgress) => {
            const { tab, ...rest } = listing.query() as ListQuery;
            // The closed sheet follows the closed tab's choice while it is shown; otherwise all the user may see.
            return api.exportReferrals(
              { ...rest, scope: tab === 'closed' && !searching() ? listing.scope() : 'all' },
              onProgress,
            );
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

/** The closed tab's "My closed cases / All I may see", beside Filter by User. */
function closedScope(listing: Listing): MoreChoices {
  const closedTab = () => listing.tab() === 'closed' && listing.search() === '';
  return {
    values: () => ({ scope: listing.scope() }),
    control: (draft, set) => (
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
    ),
    apply: (draft): Record<string, string> => (closedTab() ? { scope: draft.scope === 'all' ? 'all' : '' } : {}),
  };
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

export function SearchForm(props: { value: string; onSearch: (value: string) => void; label?: string; hint?: string }) {
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
        label={props.label ?? 'Search Open and Closed Cases'}
        hint={props.hint ?? 'Surname, forename, case number or reference'}
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
