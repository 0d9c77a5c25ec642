import { useLocation } from '@solidjs/router';
import { Show } from 'solid-js';
import { createActionRunner } from '../case/action-runner.ts';
import { useReRefer } from '../case/ReferralDecisions.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { ListTable } from '../components/ListView.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Page } from '../components/Page.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createReferralListing } from '../referral/listing.ts';
import { APPROVAL_COLUMNS, DRAFT_COLUMNS, rejectedColumns } from '../referral/ReferralTables.tsx';

const TABS = [
  { key: 'draft', label: 'Saved Referrals' },
  { key: 'approval', label: 'Awaiting approval' },
  { key: 'rejected', label: 'Rejected Referrals' },
] as const;

const TABLES = {
  draft: { empty: 'You have no saved referrals.' },
  approval: { empty: 'You have no referrals awaiting your manager’s approval.' },
  rejected: { empty: 'You have no rejected referrals.' },
} as const;

export function SavedReferrals() {
  const listing = createReferralListing(TABS);
  const location = useLocation<{ deleted?: boolean }>();
  const runner = createActionRunner(() => undefined);
  const reRefer = useReRefer(runner);
  const rejected = rejectedColumns((row) => reRefer(row.id));
  const columns = () =>
    listing.tab() === 'draft' ? DRAFT_COLUMNS : listing.tab() === 'approval' ? APPROVAL_COLUMNS : rejected;
  const label = () => TABS.find((t) => t.key === listing.tab())!.label;
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
        Referrals you saved for later are deleted 30 days after they were last saved. Referrals awaiting approval wait
        for your manager; once approved they move to Track Referrals. Rejected referrals are deleted 30 days after they
        were rejected.
      </p>
      <Tabs label="Saved and rejected referrals" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <ListTable
          listing={listing}
          page={listing.page}
          caption={label()}
          columns={columns()}
          empty={TABLES[listing.tab()].empty}
        />
      </Tabs>
    </Page>
  );
}
