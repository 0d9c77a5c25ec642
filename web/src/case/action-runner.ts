import { createSignal } from 'solid-js';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import type { Outcome } from '../components/FormNotice.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/**
 * The actions of a case page: one at a time; what one did goes to the page's
 * success banner, what went wrong (the API's 409 saying why, say) to its error
 * summary. After an action the page reloads what it changed.
 */
export function createActionRunner(reload: () => unknown) {
  const [outcome, setOutcome] = createSignal<Outcome>();
  const errors = createFormErrors();
  const submitter = createSubmitter();
  const refuseAll = (problems: ErrorItem[]) => {
    setOutcome(undefined);
    errors.set(problems);
  };
  return {
    errors,
    outcome,
    busy: submitter.busy,
    run: (action: () => Promise<Outcome>, after?: () => unknown) =>
      void submitter.run(async () => {
        try {
          const result = await action();
          errors.clear();
          setOutcome(result);
          await Promise.all([reload(), after?.()]);
        } catch (error) {
          setOutcome(undefined);
          errors.show(error, 'That could not be saved. Try again.');
        }
      }),
    /** A problem found before anything was sent (a required answer missing). */
    refuse: (text: string, target: string) => refuseAll([{ text, target }]),
    /** Several such problems, listed together in the error summary. */
    refuseAll,
  };
}

export type ActionRunner = ReturnType<typeof createActionRunner>;

/** Whether free text says anything: at least one letter or digit, as the API requires. */
export const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);
