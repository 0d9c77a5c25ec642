import { createSignal } from 'solid-js';
import { ApiError } from './api.ts';
import type { ErrorItem } from './components/ErrorSummary.tsx';
import type { Outcome } from './components/FormNotice.tsx';

export const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later.';

/**
 * The errors of one form: the list its error summary shows, the message beside
 * each field, and the API's answer turned into both. Field errors are listed in
 * the order the fields stand on the page.
 */
export function createFormErrors(options: { order?: readonly string[]; targets?: () => Record<string, string> } = {}) {
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);
  const rank = (key: string) => {
    const i = options.order?.indexOf(key) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return {
    errors,
    set: setErrors,
    clear: () => setErrors([]),
    /** The error shown beside a field, by the field's id. */
    field: (id: string) => errors().find((e) => e.target === id)?.text,
    /** Shows what went wrong: the API's field errors, or its message. */
    show(error: unknown, fallback = SERVICE_PROBLEM) {
      const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
      if (fields.length === 0) {
        setErrors([{ text: error instanceof ApiError ? error.message : fallback }]);
        return;
      }
      const targets = options.targets?.() ?? {};
      setErrors(
        fields.sort(([a], [b]) => rank(a) - rank(b)).map(([key, text]) => ({ text, target: targets[key] ?? key })),
      );
    },
  };
}

export type FormErrors = ReturnType<typeof createFormErrors>;

/**
 * Runs a form's action once at a time: a second press while the first is on its
 * way does nothing. Returns whether it is busy, for the page to show.
 */
export function createSubmitter() {
  const [busy, setBusy] = createSignal(false);
  return {
    busy,
    async run(action: () => Promise<void>) {
      if (busy()) return;
      setBusy(true);
      try {
        await action();
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * A page's actions on what it lists, one at a time: on success its errors clear, the list is fetched
 * again and the outcome shows in the page's banner; a refusal goes to its error summary.
 */
export function createPageActions(errors: FormErrors) {
  const [done, setDone] = createSignal<Outcome>();
  const submitter = createSubmitter();
  const act = (action: () => Promise<unknown>, outcome: Outcome, refetch: () => unknown) =>
    void submitter.run(async () => {
      setDone(undefined);
      try {
        await action();
        errors.clear();
        await refetch();
        setDone(outcome);
      } catch (error) {
        errors.show(error);
      }
    });
  return { done, setDone, act, busy: submitter.busy };
}
