import { createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import {
  checkLocalRules,
  PASSWORD_MAX_LENGTH,
  passwordAcceptable,
  passwordProblem,
  type PasswordCheck,
  type PasswordInput,
} from '../../../domain/password-policy.ts';
import { api } from '../api.ts';

/** How long typing must pause before the server is asked about common words. */
const ASK_AFTER_MS = 300;

/** Where the "no common words" rule stands for the password as typed now. */
type CommonWords = 'checking' | 'met' | 'unmet' | 'unavailable';

const STILL_CHECKING = 'Your password is still being checked for common words. Try again in a moment';

/**
 * The password rules of SPEC.md section 3, checked as the user types. The
 * common-words list stays on the server (it would weigh 400 KB here): the
 * password is sent to POST /api/password-check once typing pauses, and until
 * the answer for what is typed now arrives, that rule shows as not met.
 */
export function createPasswordCheck(input: Accessor<PasswordInput>) {
  const password = createMemo(() => input().password);
  const [answer, setAnswer] = createSignal<{ password: string; state: CommonWords }>({
    password: '',
    state: 'checking',
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(password, (typed) => {
      clearTimeout(timer);
      // Too long to be accepted anyway: the length rule says so.
      if (typed === '' || typed.length > PASSWORD_MAX_LENGTH) return;
      timer = setTimeout(() => {
        const settle = (state: CommonWords) => {
          // An answer overtaken by more typing is not for this password.
          if (password() === typed) setAnswer({ password: typed, state });
        };
        api.checkPassword(typed).then(
          (rules) => settle(rules.noCommonWords ? 'met' : 'unmet'),
          () => settle('unavailable'),
        );
      }, ASK_AFTER_MS);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  const commonWords = (): CommonWords => (answer().password === password() ? answer().state : 'checking');
  const check = createMemo<PasswordCheck>(() => ({
    ...checkLocalRules(input()),
    noCommonWords: commonWords() === 'met',
  }));
  /** The rules for sending: should the server not answer, it still applies the rule to what is sent. */
  const sendable = () => ({ ...check(), noCommonWords: commonWords() === 'met' || commonWords() === 'unavailable' });
  return {
    check,
    acceptable: () => passwordAcceptable(sendable()),
    /** The first rule not met, as a sentence for the error summary. */
    problem: () => {
      const state = commonWords();
      const problem = passwordProblem({ ...check(), noCommonWords: state !== 'unmet' });
      return problem ?? (state === 'checking' ? STILL_CHECKING : undefined);
    },
  };
}
