import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { api } from '../api.ts';
import { hasWords } from '../case/action-runner.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, Select, TextArea } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/** What the case page's banner says after a reassignment (passed in the navigation's state). */
export type ReassignedState = { reassignedTo?: string };

const CHOOSE = 'Choose the new owner';
const NO_REASON = 'Enter the reason for the reassignment';

/** The new owner and the reason, checked before sending, in the order the page asks them. */
export function reassignProblems(toUserId: string, reason: string): ErrorItem[] {
  return [
    ...(toUserId ? [] : [{ text: CHOOSE, target: 'toUserId' }]),
    ...(reason.trim() ? [] : [{ text: NO_REASON, target: 'reason' }]),
    ...(reason.trim() && !hasWords(reason)
      ? [{ text: 'The reason must contain at least 1 letter or number', target: 'reason' }]
      : []),
  ];
}

/**
 * Reassign Case (case reassigner): a question page for the new owner, a user of the case's
 * organisation, and the reason, which the case's history keeps. The API refuses anyone else.
 */
export function ReassignCase() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  const [targets] = createResource(api.reassignTargets);
  const [toUserId, setToUserId] = createSignal('');
  const [reason, setReason] = createSignal('');
  const errors = createFormErrors({ order: ['toUserId', 'reason'] });
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = reassignProblems(toUserId(), reason());
    if (problems.length) {
      errors.set(problems);
      return;
    }
    void submitter.run(async () => {
      try {
        await api.reassignCase(params.id!, { toUserId: toUserId(), reason: reason().trim() });
        const chosen = targets()?.find((u) => u.id === toUserId());
        navigate(`/cases/${params.id}`, { state: { reassignedTo: chosen?.name ?? 'the new owner' } });
      } catch (error) {
        errors.show(error);
      }
    });
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
                  <form novalidate onSubmit={submit}>
                    <Select
                      id="toUserId"
                      label="New owner"
                      hint="A user of your organisation"
                      value={toUserId()}
                      onInput={setToUserId}
                      error={errors.field('toUserId')}
                      placeholder="Choose a user"
                      options={users().map((u) => ({ value: u.id, label: `${u.name} (${u.username})` }))}
                    />
                    <TextArea
                      id="reason"
                      label="Reason for the reassignment"
                      hint="Shown in the case's history. Do not include health details."
                      value={reason()}
                      onInput={setReason}
                      error={errors.field('reason')}
                      rows={3}
                    />
                    <div class="govuk-button-group">
                      <Button>Confirm reassignment</Button>
                      <a class="govuk-link" href={`/cases/${r().id}`}>
                        Cancel
                      </a>
                    </div>
                  </form>
                )}
              </Async>
            </Show>
          )}
        </Async>
      </Page>
    </Narrow>
  );
}
