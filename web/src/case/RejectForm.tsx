import { createSignal } from 'solid-js';
import { Button, TextArea } from '../components/fields.tsx';
import { hasWords, type ActionRunner } from './action-runner.ts';
import type { Outcome } from '../components/FormNotice.tsx';

/** Rejecting with a reason the referrer reads in their email and on the case page. */
export function RejectForm(props: { heading: string; hint: string; runner: ActionRunner; reject: (reason: string) => Promise<Outcome> }) {
  const [reason, setReason] = createSignal('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!hasWords(reason())) return props.runner.refuse('Enter the reason for rejecting the referral', 'reason');
    props.runner.run(() => props.reject(reason().trim()));
  };
  return (
    <>
      <h2 class="govuk-heading-m">{props.heading}</h2>
      <form novalidate onSubmit={submit}>
        <TextArea id="reason" label="Reason for rejecting the referral" hint={props.hint} value={reason()} error={props.runner.errors.field('reason')} onInput={setReason} />
        <Button variant="warning">Reject referral</Button>
      </form>
    </>
  );
}
