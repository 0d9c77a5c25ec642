import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, createResource, Show } from 'solid-js';
import { referenceOf } from '../../../domain/ids.ts';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { referralPaths } from '../referral/paths.ts';

/**
 * GOV.UK's confirmation page after Submit: the reference the confirmation email
 * gives (the case number, once there is one), and what happens next.
 */
export function ReferralSubmitted() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  // A draft has not been submitted: back to its form.
  createEffect(() => {
    const r = referral.state === 'ready' ? referral() : undefined;
    if (r?.status === 'draft') navigate(referralPaths.edit(r.id), { replace: true });
  });
  return (
    <Async resource={referral}>
      {(r) => (
        <Show when={r().status !== 'draft'}>
          <Narrow>
            <Page
              title="Referral submitted"
              panel={
                <>
                  {r().caseNumber ? 'Your case number' : 'Your reference'}
                  <br />
                  <strong>{r().caseNumber ?? referenceOf(r().id)}</strong>
                </>
              }
            >
              <p class="govuk-body">We have sent you a confirmation email with this reference.</p>
              <h2 class="govuk-heading-m">What happens next</h2>
              <p class="govuk-body">
                <strong class="govuk-tag govuk-tag--blue app-status-tag">{r().statusLabel}</strong>
              </p>
              <p class="govuk-body">{r().statusExplanation}</p>
              <Show when={r().status === 'pending_triage'}>
                <p class="govuk-body">
                  Until then it is listed in Track Referrals under Pending Triage, where you can search for it by its
                  reference. Once accepted it is given a case number.
                </p>
              </Show>
              <ParagraphLink href={`/cases/${r().id}`}>View your referral</ParagraphLink>
              <ParagraphLink href="/referrals/new">Make another referral</ParagraphLink>
            </Page>
          </Narrow>
        </Show>
      )}
    </Async>
  );
}
