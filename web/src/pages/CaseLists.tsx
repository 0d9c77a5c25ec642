import { Navigate } from '@solidjs/router';
import { createSignal, Match, Switch } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createReferralListing } from '../referral/listing.ts';
import { CASE_COLUMNS, PROVIDER_COLUMNS, ReferralTable } from '../referral/ReferralTables.tsx';
import { useSession } from '../session.tsx';
import { NotFound } from './NotFound.tsx';

type ListTab = { key: 'open' | 'closed' | 'pending'; label: string };

const EMPTY = { open: 'open cases', closed: 'closed cases', pending: 'referrals pending triage' } as const;

/** A searchable, tabbed, paginated list of the cases the user may see. */
function CaseList(props: { title: string; intro?: string; tabs: readonly ListTab[]; columns: typeof CASE_COLUMNS }) {
  const listing = createReferralListing(props.tabs);
  const label = () => props.tabs.find((t) => t.key === listing.tab())!.label;
  const empty = () =>
    listing.search()
      ? `No ${EMPTY[listing.tab()]} match “${listing.search()}”.`
      : `There are no ${EMPTY[listing.tab()]}.`;
  return (
    <Page title={props.title}>
      {props.intro ? <p class="govuk-body">{props.intro}</p> : null}
      <SearchForm value={listing.search()} onSearch={listing.setSearch} />
      <Tabs label="Cases" tabs={props.tabs} selected={listing.tab()} onSelect={listing.selectTab}>
        <Async resource={listing.page}>
          {(page) => (
            <>
              <ReferralTable caption={label()} columns={props.columns} rows={page().rows} empty={empty()} />
              <Pagination firstHref={listing.firstHref()} nextHref={listing.nextHref()} />
            </>
          )}
        </Async>
      </Tabs>
    </Page>
  );
}

const TRACK_TABS: ListTab[] = [
  { key: 'open', label: 'Open Cases' },
  { key: 'closed', label: 'Closed Cases' },
  { key: 'pending', label: 'Pending Triage' },
];

/** The referrer's cases: their own, those below them and those shared with them. */
export function TrackReferrals() {
  return <CaseList title="Track Referrals" tabs={TRACK_TABS} columns={CASE_COLUMNS} />;
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

/** The clinicians' cases: every accepted referral of every client organisation. */
function ProviderCases() {
  return (
    <CaseList
      title="Cases"
      intro="Every accepted case of every client organisation. New referrals wait in the Triage Queue."
      tabs={TRACK_TABS.slice(0, 2)}
      columns={PROVIDER_COLUMNS}
    />
  );
}

export function SearchForm(props: { value: string; onSearch: (value: string) => void }) {
  const [value, setValue] = createSignal(props.value);
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
        label="Search by surname, case number or reference"
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
