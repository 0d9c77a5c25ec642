import { createMemo, createResource, type Accessor } from 'solid-js';
import { checkPassword, passwordAcceptable, passwordProblem, type PasswordCheck, type PasswordInput } from '../../../domain/password-policy.ts';

let words: Promise<ReadonlySet<string>> | undefined;

/**
 * The common-words list is large (about 100,000 words), so it is a chunk of its
 * own, fetched only by pages that ask for a new password. Should it fail to
 * load, the server still applies the rule when the form is sent.
 */
function loadCommonWords(): Promise<ReadonlySet<string>> {
  words ??= import('../../../domain/common-words.ts').then(
    (m) => m.commonWords(),
    () => new Set<string>(),
  );
  return words;
}

/** The password rules of SPEC.md section 3, checked as the user types. */
export function createPasswordCheck(input: Accessor<PasswordInput>) {
  const [commonWords] = createResource(loadCommonWords);
  const check = createMemo<PasswordCheck>(() => {
    const list = commonWords();
    const result = checkPassword(input(), list ?? new Set());
    // Until the list is here, "no common words" cannot be known to hold.
    return list ? result : { ...result, noCommonWords: false };
  });
  return {
    check,
    acceptable: () => passwordAcceptable(check()),
    /** The first rule not met, as a sentence for the error summary. */
    problem: () => passwordProblem(check()),
  };
}

export type PasswordChecker = ReturnType<typeof createPasswordCheck>;
