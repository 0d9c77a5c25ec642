import { Async } from '../components/Async.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createReferralListing } from '../referral/listing.ts';
import { DRAFT_COLUMNS, ReferralTable, REJECTED_COLUMNS } from '../referral/ReferralTables.tsx';

const TABS = [
  { key: 'draft', label: 'Saved Referrals' },
  { key: 'rejected', label: 'Rejected Referrals' },
] as const;

export function SavedReferrals() {
  const listing = createReferralListing(TABS);
  const drafts = () => listing.tab() === 'draft';
  return (
    <Page title="Saved Referrals">
      <p class="govuk-body">
        Referrals you saved for later are deleted 30 days after they were last saved. Rejected referrals are deleted 30 days after they were rejected.
      </p>
      <Tabs label="Saved and rejected referrals" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <Async resource={listing.page}>
          {(page) => (
            <>
              <ReferralTable
                caption={drafts() ? 'Saved Referrals' : 'Rejected Referrals'}
                columns={drafts() ? DRAFT_COLUMNS : REJECTED_COLUMNS}
                rows={page().rows}
                empty={drafts() ? 'You have no saved referrals.' : 'You have no rejected referrals.'}
              />
              <Pagination firstHref={listing.firstHref()} nextHref={listing.nextHref()} />
            </>
          )}
        </Async>
      </Tabs>
    </Page>
  );
}
