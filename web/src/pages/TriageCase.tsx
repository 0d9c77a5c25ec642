import { useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ACCEPT_STATUSES, CASE_STATUSES, type AcceptStatus } from '../../../domain/statuses.ts';
import { api, type Referral } from '../api.ts';
import { createActionRunner, type ActionRunner } from '../case/action-runner.ts';
import { RejectForm } from '../case/RejectForm.tsx';
import { SupportingDocuments } from '../case/SupportingDocuments.tsx';
import { Button, Radios } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { Answers } from '../referral/Answers.tsx';
import { CasePage } from '../referral/CaseSummary.tsx';

export function TriageCase() {
  const params = useParams();
  const [referral, { refetch }] = createResource(() => params.id, api.referral);
  const runner = createActionRunner(refetch);
  return (
    <CasePage
      referral={referral}
      caption={() => 'Triage'}
      error={runner.errors.errors().length > 0}
      notice={<FormNotice errors={runner.errors.errors()} outcome={runner.outcome()} />}
    >
      {(r) => (
        <>
          <Show when={r().caseNumber}>
            <ParagraphLink href={`/cases/${r().id}`}>
              Open the case to arrange consent, appointments and the advice letter
            </ParagraphLink>
          </Show>
          <h2 class="govuk-heading-m">Referral answers</h2>
          <Answers definition={r().definition} data={r().formData} />
          {/* Read before deciding; each download is checked and audited by the server. */}
          <SupportingDocuments referral={r()} />
          <Show
            when={r().allowed.triage}
            fallback={<ParagraphLink href="/triage">Back to the Triage Queue</ParagraphLink>}
          >
            <TriageForms referral={r()} runner={runner} />
          </Show>
        </>
      )}
    </CasePage>
  );
}

function TriageForms(props: { referral: Referral; runner: ActionRunner }) {
  const [status, setStatus] = createSignal<AcceptStatus>('triage_ima_required');
  const accept = (event: SubmitEvent) => {
    event.preventDefault();
    props.runner.run(async () => {
      const state = await api.acceptReferral(props.referral.id, status());
      return {
        heading: `Referral accepted as case ${state.caseNumber ?? ''}`.trim(),
        detail: `The referrer has been emailed. Status: ${CASE_STATUSES[status()].label}.`,
      };
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
          error={props.runner.errors.field('status')}
          onInput={(v) => setStatus(v as AcceptStatus)}
        />
        <Button>Accept referral</Button>
      </form>
      <RejectForm
        heading="Reject referral"
        hint="The referrer reads this on the referral page, not in the email, and can re-refer with what was missing."
        runner={props.runner}
        reject={async (rejection) => {
          await api.rejectReferral(props.referral.id, rejection);
          return { heading: 'Referral rejected', detail: 'The referrer has been emailed and can re-refer it.' };
        }}
      />
    </>
  );
}
