import { createResource } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';

/** "What the statuses mean": every status of the one catalogue (domain/statuses.ts), as the API serves it. */
export function Statuses() {
  const [statuses] = createResource(api.statuses);
  return (
    <Page title="What the statuses mean">
      <p class="govuk-body">
        Every referral and case shows one of these statuses in Track Referrals and on its case page.
      </p>
      <Async resource={statuses}>
        {(all) => (
          <SummaryList
            rows={Object.values(all()).map((s) => ({
              key: s.label,
              value: <span>{s.explanation}</span>,
            }))}
          />
        )}
      </Async>
    </Page>
  );
}
