import { useNavigate, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { api } from '../api.ts';
import { ReassignForm } from '../case/ReassignForm.tsx';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors } from '../forms.ts';

/** What the case page's banner says after a reassignment (passed in the navigation's state). */
export type ReassignedState = { reassignedTo?: string };

/**
 * Reassign Case (case reassigner): a question page for the new owner, a user of the case's
 * organisation, and the reason, which the case's history keeps. The API refuses anyone else.
 */
export function ReassignCase() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  const [targets] = createResource(api.reassignTargets);
  const errors = createFormErrors({ order: ['toUserId', 'reason'] });
  const send = async (body: { toUserId: string; reason: string }) => {
    await api.reassignCase(params.id!, body);
    const chosen = targets()?.find((u) => u.id === body.toUserId);
    navigate(`/cases/${params.id}`, { state: { reassignedTo: chosen?.name ?? 'the new owner' } });
  };
  return (
    <Narrow>
      <BackLink href={`/cases/${params.id}`}>Back to the case</BackLink>
      <Page
        title="Reassign case"
        caption={referral()?.caseNumber ? `Case ${referral()!.caseNumber}` : undefined}
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} />}
      >
        <Async resource={referral}>
          {(r) => (
            <Show
              when={r().allowed.reassign}
              fallback={<p class="govuk-body">You cannot reassign this case. Ask someone with Case reassigner.</p>}
            >
              <SummaryList
                rows={[
                  { key: 'Employee', value: r().employee.name ?? '' },
                  { key: 'Current owner', value: r().owner },
                ]}
              />
              <p class="govuk-body">
                The new owner tracks the case and gets its emails from now on. {r().owner} no longer sees it unless they
                manage the new owner or the new owner shares cases with them.
              </p>
              <Async resource={targets}>
                {(users) => (
                  <ReassignForm
                    users={users()}
                    ownerLabel="New owner"
                    ownerHint="A user of your organisation"
                    reasonHint="Shown in the case's history. Do not include health details."
                    submitLabel="Confirm reassignment"
                    cancelHref={`/cases/${r().id}`}
                    errors={errors}
                    send={send}
                  />
                )}
              </Async>
            </Show>
          )}
        </Async>
      </Page>
    </Narrow>
  );
}
