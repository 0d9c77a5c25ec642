import { useLocation, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { Answers } from '../referral/Answers.tsx';
import { caseHeading, CaseSummary } from '../referral/CaseSummary.tsx';

export function CaseDetail() {
  const params = useParams();
  const location = useLocation<{ submitted?: boolean }>();
  const [referral] = createResource(() => params.id, api.referral);
  return (
    <Async resource={referral}>
      {(r) => (
        <Narrow>
          <Page
            title={caseHeading(r())}
            caption={r().formName}
            notice={
              <Show when={location.state?.submitted}>
                <SuccessBanner heading="Referral submitted">
                  <p class="govuk-body">We have emailed you a confirmation. The case appears under Open Cases once the provider accepts it.</p>
                </SuccessBanner>
              </Show>
            }
          >
            <CaseSummary referral={r()} />
            <Show when={r().status === 'draft' && r().isAuthor}>
              <p class="govuk-body">
                <a class="govuk-link" href={`/referrals/${r().id}/edit`}>
                  Continue this referral
                </a>
              </p>
            </Show>
            <h2 class="govuk-heading-m">Referral answers</h2>
            <Answers definition={r().definition} data={r().formData} />
          </Page>
        </Narrow>
      )}
    </Async>
  );
}
