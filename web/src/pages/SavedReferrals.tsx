import { useLocation } from '@solidjs/router';
import { Show } from 'solid-js';
import { createActionRunner } from '../case/action-runner.ts';
import { useReRefer } from '../case/ReferralDecisions.tsx';
import { Async } from '../components/Async.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createReferralListing } from '../referral/listing.ts';
import { DRAFT_COLUMNS, ReferralTable, rejectedColumns } from '../referral/ReferralTables.tsx';

const TABS = [
  { key: 'draft', label: 'Saved Referrals' },
  { key: 'rejected', label: 'Rejected Referrals' },
] as const;

export function SavedReferrals() {
  const listing = createReferralListing(TABS);
  const location = useLocation<{ deleted?: boolean }>();
  const runner = createActionRunner(() => undefined);
  const drafts = () => listing.tab() === 'draft';
  const reRefer = useReRefer(runner);
  return (
    <Page
      title="Saved Referrals"
      error={runner.errors.errors().length > 0}
      notice={
        <>
          <Show when={location.state?.deleted}>
            <SuccessBanner heading="Referral deleted" />
          </Show>
          <FormNotice errors={runner.errors.errors()} />
        </>
      }
    >
      <p class="govuk-body">
        Referrals you saved for later are deleted 30 days after they were last saved. Rejected referrals are deleted 30
        days after they were rejected.
      </p>
      <Tabs label="Saved and rejected referrals" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <Async resource={listing.page}>
          {(page) => (
            <>
              <ReferralTable
                caption={drafts() ? 'Saved Referrals' : 'Rejected Referrals'}
                columns={drafts() ? DRAFT_COLUMNS : rejectedColumns((row) => reRefer(row.id))}
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
