import { createSignal } from 'solid-js';
import {
  isRejectionCategory,
  REJECTION_CATEGORIES,
  REJECTION_CATEGORY_MISSING,
  REJECTION_QUESTION,
  REJECTION_REASON_MISSING,
} from '../../../domain/rejection.ts';
import type { Rejection } from '../api.ts';
import { Button, Radios, TextArea } from '../components/fields.tsx';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { hasWords, type ActionRunner } from './action-runner.ts';
import type { Outcome } from '../components/FormNotice.tsx';

const OPTIONS = REJECTION_CATEGORIES.map((c) => ({ value: c.key, label: c.label }));

/**
 * Rejecting, the same at approval and at triage: a category from the fixed list, which the email names,
 * and a reason the referrer reads on the referral page (it may hold health details, so it is never emailed).
 */
export function RejectForm(props: {
  heading: string;
  hint: string;
  runner: ActionRunner;
  reject: (rejection: Rejection) => Promise<Outcome>;
}) {
  const [category, setCategory] = createSignal('');
  const [reason, setReason] = createSignal('');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = category();
    // Every problem at once, in page order, as the GOV.UK error summary lists them.
    const problems: ErrorItem[] = [
      ...(isRejectionCategory(chosen) ? [] : [{ text: REJECTION_CATEGORY_MISSING, target: 'category' }]),
      ...(hasWords(reason()) ? [] : [{ text: REJECTION_REASON_MISSING, target: 'reason' }]),
    ];
    if (!isRejectionCategory(chosen) || problems.length > 0) return props.runner.refuseAll(problems);
    props.runner.run(() => props.reject({ category: chosen, reason: reason().trim() }));
  };
  return (
    <>
      <h2 class="govuk-heading-m">{props.heading}</h2>
      <form novalidate onSubmit={submit}>
        <Radios
          id="category"
          label={REJECTION_QUESTION}
          hint="The referrer’s email says only this; the reason you write below stays in Casebook."
          options={OPTIONS}
          value={category()}
          error={props.runner.errors.field('category')}
          onInput={setCategory}
        />
        <TextArea
          id="reason"
          label="Reason for rejecting the referral"
          hint={props.hint}
          value={reason()}
          error={props.runner.errors.field('reason')}
          onInput={setReason}
        />
        <Button variant="warning">Reject referral</Button>
      </form>
    </>
  );
}
