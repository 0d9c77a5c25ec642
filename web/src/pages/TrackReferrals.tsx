import { createSignal } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createReferralListing } from '../referral/listing.ts';
import { CASE_COLUMNS, ReferralTable } from '../referral/ReferralTables.tsx';

const TABS = [
  { key: 'open', label: 'Open Cases' },
  { key: 'closed', label: 'Closed Cases' },
  { key: 'pending', label: 'Pending Triage' },
] as const;

const EMPTY = { open: 'open cases', closed: 'closed cases', pending: 'referrals pending triage' } as const;

export function TrackReferrals() {
  const listing = createReferralListing(TABS);
  const label = () => TABS.find((t) => t.key === listing.tab())!.label;
  const empty = () => (listing.search() ? `No ${EMPTY[listing.tab()]} match “${listing.search()}”.` : `There are no ${EMPTY[listing.tab()]}.`);
  return (
    <Page title="Track Referrals">
      <SearchForm value={listing.search()} onSearch={listing.setSearch} />
      <Tabs label="Cases" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <Async resource={listing.page}>
          {(page) => (
            <>
              <ReferralTable caption={label()} columns={CASE_COLUMNS} rows={page().rows} empty={empty()} />
              <Pagination firstHref={listing.firstHref()} nextHref={listing.nextHref()} />
            </>
          )}
        </Async>
      </Tabs>
    </Page>
  );
}

function SearchForm(props: { value: string; onSearch: (value: string) => void }) {
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
        label="Search by surname or case number"
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
