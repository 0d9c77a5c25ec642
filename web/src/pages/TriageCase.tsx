import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ACCEPT_STATUSES, CASE_STATUSES, type AcceptStatus } from '../../../domain/statuses.ts';
import { api, type Referral } from '../api.ts';
import { Button, Radios, TextArea } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { createFormErrors, createSubmitter, type FormErrors } from '../forms.ts';
import { Answers } from '../referral/Answers.tsx';
import { CasePage } from '../referral/CaseSummary.tsx';

export function TriageCase() {
  const params = useParams();
  const [referral, { refetch }] = createResource(() => params.id, api.referral);
  const [outcome, setOutcome] = createSignal<Outcome>();
  const errors = createFormErrors();
  const submitter = createSubmitter();

  /** Runs a triage decision once at a time; its errors go to the summary, its outcome to a banner. */
  const decide = (action: () => Promise<Outcome>) =>
    void submitter.run(async () => {
      try {
        const result = await action();
        errors.clear();
        setOutcome(result);
        await refetch();
      } catch (error) {
        errors.show(error, 'The decision could not be saved. Try again.');
      }
    });

  return (
    <CasePage
      referral={referral}
      caption={() => 'Triage'}
      error={errors.errors().length > 0}
      notice={<FormNotice errors={errors.errors()} outcome={outcome()} />}
    >
      {(r) => (
        <>
          <h2 class="govuk-heading-m">Referral answers</h2>
          <Answers definition={r().definition} data={r().formData} />
          <Show when={r().status === 'pending_triage'} fallback={<ParagraphLink href="/triage">Back to the Triage Queue</ParagraphLink>}>
            <TriageForms referral={r()} errors={errors} decide={decide} />
          </Show>
        </>
      )}
    </CasePage>
  );
}

function TriageForms(props: { referral: Referral; errors: FormErrors; decide: (action: () => Promise<Outcome>) => void }) {
  const [status, setStatus] = createSignal<AcceptStatus>('triage_ima_required');
  const [reason, setReason] = createSignal('');

  const accept = (event: SubmitEvent) => {
    event.preventDefault();
    props.decide(async () => {
      const state = await api.acceptReferral(props.referral.id, status());
      return {
        heading: `Referral accepted as case ${state.caseNumber ?? ''}`.trim(),
        detail: `The referrer has been emailed. Status: ${CASE_STATUSES[status()].label}.`,
      };
    });
  };

  const reject = (event: SubmitEvent) => {
    event.preventDefault();
    if (!/[\p{L}\p{N}]/u.test(reason())) return props.errors.set([{ text: 'Enter the reason for rejecting the referral', target: 'reason' }]);
    props.decide(async () => {
      await api.rejectReferral(props.referral.id, reason().trim());
      return { heading: 'Referral rejected', detail: 'The referrer has been emailed and can re-refer it.' };
    });
  };

  return (
    <>
      <h2 class="govuk-heading-m">Accept referral</h2>
      <form novalidate onSubmit={accept}>
        <Radios
          id="status"
          label="Next action"
          options={ACCEPT_STATUSES.map((s) => ({ value: s, label: CASE_STATUSES[s].label }))}
          value={status()}
          error={props.errors.field('status')}
          onInput={(v) => setStatus(v as AcceptStatus)}
        />
        <Button>Accept referral</Button>
      </form>
      <h2 class="govuk-heading-m">Reject referral</h2>
      <form novalidate onSubmit={reject}>
        <TextArea
          id="reason"
          label="Reason for rejecting the referral"
          hint="The referrer sees this reason and can re-refer with the missing information."
          value={reason()}
          error={props.errors.field('reason')}
          onInput={setReason}
        />
        <Button variant="warning">Reject referral</Button>
      </form>
    </>
  );
}
