import { createSignal } from 'solid-js';
import { hasWords } from './action-runner.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, Select, TextArea } from '../components/fields.tsx';
import { createSubmitter, type FormErrors } from '../forms.ts';

const CHOOSE = 'Choose the new owner';
const NO_REASON = 'Enter the reason for the reassignment';

/** The new owner and the reason, checked before sending, in the order the form asks them. */
function reassignProblems(toUserId: string, reason: string): ErrorItem[] {
  return [
    ...(toUserId ? [] : [{ text: CHOOSE, target: 'toUserId' }]),
    ...(reason.trim() ? [] : [{ text: NO_REASON, target: 'reason' }]),
    ...(reason.trim() && !hasWords(reason)
      ? [{ text: 'The reason must contain at least 1 letter or number', target: 'reason' }]
      : []),
  ];
}

type Target = { id: string; name: string; username: string };

/**
 * The new owner and the reason: one form for reassigning a case, all of a user's cases, or a leaver's.
 * The page owns the errors (its error summary shows them); the form checks, sends and reports refusals.
 */
export function ReassignForm(props: {
  users: Target[];
  ownerLabel: string;
  ownerHint: string;
  reasonHint: string;
  submitLabel: string;
  warning?: boolean;
  cancelHref: string;
  errors: FormErrors;
  send: (body: { toUserId: string; reason: string }) => Promise<void>;
}) {
  const [toUserId, setToUserId] = createSignal('');
  const [reason, setReason] = createSignal('');
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = reassignProblems(toUserId(), reason());
    if (problems.length) {
      props.errors.set(problems);
      return;
    }
    void submitter.run(async () => {
      try {
        await props.send({ toUserId: toUserId(), reason: reason().trim() });
      } catch (error) {
        props.errors.show(error);
      }
    });
  };
  return (
    <form novalidate onSubmit={submit}>
      <Select
        id="toUserId"
        label={props.ownerLabel}
        hint={props.ownerHint}
        value={toUserId()}
        onInput={setToUserId}
        error={props.errors.field('toUserId')}
        placeholder="Choose a user"
        options={props.users.map((u) => ({ value: u.id, label: `${u.name} (${u.username})` }))}
      />
      <TextArea
        id="reason"
        label="Reason for the reassignment"
        hint={props.reasonHint}
        value={reason()}
        onInput={setReason}
        error={props.errors.field('reason')}
        rows={3}
      />
      <div class="govuk-button-group">
        <Button variant={props.warning ? 'warning' : undefined}>{props.submitLabel}</Button>
        <a class="govuk-link" href={props.cancelHref}>
          Cancel
        </a>
      </div>
    </form>
  );
}
