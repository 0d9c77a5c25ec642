import { createSignal, Show } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { Button, DateInput, Radios, TextArea } from '../components/fields.tsx';
import { hasWords, type ActionRunner } from './action-runner.ts';

const CONSENT = [
  { value: 'given', label: 'Consent given', hint: 'The case continues.' },
  { value: 'declined', label: 'Consent declined', hint: 'The case closes with the outcome "Consent declined".' },
];

/** The clinician's consent and closure of an open case. */
export function CaseWork(props: { referral: Referral; runner: ActionRunner }) {
  const r = () => props.referral;
  const waiting = () => r().status === 'awaiting_employee_consent';
  const [decision, setDecision] = createSignal('');
  const [outcome, setOutcome] = createSignal('');
  const [recall, setRecall] = createSignal('');

  const ask = () =>
    props.runner.run(async () => {
      await api.requestConsent(r().id);
      return {
        heading: 'Consent requested',
        detail: 'The employee has been emailed a link to give or decline consent.',
      };
    });

  const record = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = decision();
    if (chosen !== 'given' && chosen !== 'declined')
      return props.runner.refuse("Choose the employee's answer", 'consent');
    props.runner.run(async () => {
      await api.recordConsent(r().id, chosen);
      return chosen === 'given'
        ? { heading: 'Consent recorded', detail: 'The case continues.' }
        : { heading: 'Consent declined: the case is closed' };
    });
  };

  const close = (event: SubmitEvent) => {
    event.preventDefault();
    if (!hasWords(outcome())) return props.runner.refuse('Enter the outcome of the case', 'outcome');
    if (recall() && !/^\d{4}-\d{2}-\d{2}$/.test(recall()))
      return props.runner.refuse('The recall date must be a real date', 'recallDate-day');
    props.runner.run(async () => {
      await api.closeCase(r().id, { outcome: outcome().trim(), ...(recall() ? { recallDate: recall() } : {}) });
      return {
        heading: 'Case closed',
        detail: 'The referrer can see the outcome and re-refer the employee from the case page.',
      };
    });
  };

  return (
    <>
      <h2 class="govuk-heading-m">Employee consent</h2>
      <Show
        when={waiting()}
        fallback={
          <>
            <p class="govuk-body">
              Ask the employee by email: they get a single-use link to give or decline consent, and the case waits for
              their answer.
            </p>
            <Show
              when={r().formData.employeeEmail?.trim()}
              fallback={
                <p class="govuk-inset-text">
                  The referral has no email address for the employee. Record their answer below.
                </p>
              }
            >
              <Button type="button" variant="secondary" onClick={ask}>
                Email the employee for consent
              </Button>
            </Show>
          </>
        }
      >
        <p class="govuk-inset-text">
          The employee has been asked for consent. Record their answer if they gave it another way.
        </p>
      </Show>
      <form novalidate onSubmit={record}>
        <Radios
          id="consent"
          label="Record the employee's answer"
          options={CONSENT}
          value={decision()}
          error={props.runner.errors.field('consent') ?? props.runner.errors.field('decision')}
          onInput={setDecision}
          legendClass="govuk-fieldset__legend--s"
        />
        <Button variant="secondary">Record consent</Button>
      </form>

      <h2 class="govuk-heading-m">Close the case</h2>
      <form novalidate onSubmit={close}>
        <TextArea
          id="outcome"
          label="Outcome"
          hint="The referrer sees this on the case page."
          rows={3}
          value={outcome()}
          error={props.runner.errors.field('outcome')}
          onInput={setOutcome}
        />
        <DateInput
          id="recallDate"
          label="Recall date (optional)"
          hint="When the employee should be seen again, for example 31 3 2027"
          value={recall()}
          error={props.runner.errors.field('recallDate-day') ?? props.runner.errors.field('recallDate')}
          onInput={setRecall}
          legendClass="govuk-fieldset__legend--s"
        />
        <Button variant="warning">Close case</Button>
      </form>
    </>
  );
}
