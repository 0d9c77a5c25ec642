import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ACCEPT_STATUSES, CASE_STATUSES, type AcceptStatus } from '../../../domain/statuses.ts';
import { api, ApiError, type Referral } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, Radios, TextArea } from '../components/fields.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { Answers } from '../referral/Answers.tsx';
import { caseHeading, CaseSummary } from '../referral/CaseSummary.tsx';

type Outcome = { heading: string; detail: string };

export function TriageCase() {
  const params = useParams();
  const [referral, { refetch }] = createResource(() => params.id, api.referral);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);

  /** Runs a triage decision; its errors go to the summary, its outcome to a banner. */
  const decide = async (action: () => Promise<Outcome>, field: string) => {
    try {
      const result = await action();
      setErrors([]);
      setOutcome(result);
      await refetch();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : {};
      setErrors(
        Object.keys(fields).length > 0
          ? Object.values(fields).map((text) => ({ text, target: field }))
          : [{ text: error instanceof ApiError ? error.message : 'The decision could not be saved. Try again.' }],
      );
    }
  };

  return (
    <Async resource={referral}>
      {(r) => (
        <Narrow>
          <Page
            title={caseHeading(r())}
            caption="Triage"
            error={errors().length > 0}
            notice={
              <>
                <ErrorSummary errors={errors()} />
                <Show when={outcome()} keyed>
                  {(o) => (
                    <SuccessBanner heading={o.heading}>
                      <p class="govuk-body">{o.detail}</p>
                    </SuccessBanner>
                  )}
                </Show>
              </>
            }
          >
            <CaseSummary referral={r()} />
            <h2 class="govuk-heading-m">Referral answers</h2>
            <Answers definition={r().definition} data={r().formData} />
            <Show
              when={r().status === 'pending_triage'}
              fallback={
                <p class="govuk-body">
                  <a class="govuk-link" href="/triage">
                    Back to the Triage Queue
                  </a>
                </p>
              }
            >
              <TriageForms referral={r()} errors={errors()} onError={setErrors} decide={decide} />
            </Show>
          </Page>
        </Narrow>
      )}
    </Async>
  );
}

function TriageForms(props: {
  referral: Referral;
  errors: ErrorItem[];
  onError: (errors: ErrorItem[]) => void;
  decide: (action: () => Promise<Outcome>, field: string) => Promise<void>;
}) {
  const [status, setStatus] = createSignal<AcceptStatus>('triage_ima_required');
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<Outcome>, field: string) => {
    if (busy()) return;
    setBusy(true);
    await props.decide(action, field);
    setBusy(false);
  };

  const accept = (event: SubmitEvent) => {
    event.preventDefault();
    void run(async () => {
      const state = await api.acceptReferral(props.referral.id, status());
      return {
        heading: `Referral accepted as case ${state.caseNumber ?? ''}`.trim(),
        detail: `The referrer has been emailed. Status: ${CASE_STATUSES[status()].label}.`,
      };
    }, 'status');
  };

  const reject = (event: SubmitEvent) => {
    event.preventDefault();
    if (!/[\p{L}\p{N}]/u.test(reason())) {
      props.onError([{ text: 'Enter the reason for rejecting the referral', target: 'reason' }]);
      return;
    }
    void run(async () => {
      await api.rejectReferral(props.referral.id, reason().trim());
      return { heading: 'Referral rejected', detail: 'The referrer has been emailed and can re-refer it.' };
    }, 'reason');
  };

  const errorFor = (target: string) => props.errors.find((e) => e.target === target)?.text;

  return (
    <>
      <h2 class="govuk-heading-m">Accept referral</h2>
      <form novalidate onSubmit={accept}>
        <Radios
          id="status"
          label="Next action"
          legendClass="govuk-fieldset__legend--s"
          options={ACCEPT_STATUSES.map((s) => ({ value: s, label: CASE_STATUSES[s].label }))}
          value={status()}
          error={errorFor('status')}
          onInput={(v) => setStatus(v as AcceptStatus)}
        />
        <Button>Accept referral</Button>
      </form>
      <h2 class="govuk-heading-m">Reject referral</h2>
      <form novalidate onSubmit={reject}>
        <TextArea
          id="reason"
          label="Reason for rejecting the referral"
          labelClass="govuk-label--s"
          hint="The referrer sees this reason and can re-refer with the missing information."
          value={reason()}
          error={errorFor('reason')}
          onInput={setReason}
        />
        <Button variant="warning">Reject referral</Button>
      </form>
    </>
  );
}
