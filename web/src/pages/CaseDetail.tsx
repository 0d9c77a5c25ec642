import { useLocation, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { api } from '../api.ts';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { Answers } from '../referral/Answers.tsx';
import { CasePage } from '../referral/CaseSummary.tsx';

export function CaseDetail() {
  const params = useParams();
  const location = useLocation<{ submitted?: boolean }>();
  const [referral] = createResource(() => params.id, api.referral);
  return (
    <CasePage
      referral={referral}
      caption={(r) => r.formName}
      notice={
        <Show when={location.state?.submitted}>
          <SuccessBanner heading="Referral submitted">
            <p class="govuk-body">We have emailed you a confirmation. The case appears under Open Cases once the provider accepts it.</p>
          </SuccessBanner>
        </Show>
      }
    >
      {(r) => (
        <>
          <Show when={r().status === 'draft' && r().isAuthor}>
            <ParagraphLink href={`/referrals/${r().id}/edit`}>Continue this referral</ParagraphLink>
          </Show>
          <h2 class="govuk-heading-m">Referral answers</h2>
          <Answers definition={r().definition} data={r().formData} />
        </>
      )}
    </CasePage>
  );
}
