/**
 * The password rules of SPEC.md section 3, one implementation for the server and
 * the portal's live ticks. The common-words list is large, so it is passed in
 * (domain/common-words.ts loads it; the portal loads that lazily).
 */
export const PASSWORD_SYMBOLS = '!#$@_+,?[].-';

export type PasswordRuleKey =
  | 'digit' | 'upper' | 'lower' | 'symbol' | 'noTripleRepeat' | 'minLength' | 'maxLength' | 'noCommonWords' | 'notUsername' | 'matches';

export const PASSWORD_RULES: readonly { key: PasswordRuleKey; label: string }[] = [
  { key: 'digit', label: 'At least one digit (0 to 9)' },
  { key: 'upper', label: 'At least one upper case letter (A to Z)' },
  { key: 'lower', label: 'At least one lower case letter (a to z)' },
  { key: 'symbol', label: `At least one symbol from ${PASSWORD_SYMBOLS.split('').join(' ')}` },
  { key: 'noTripleRepeat', label: 'No more than 2 repeated consecutive characters' },
  { key: 'minLength', label: 'Minimum of 10 characters' },
  { key: 'maxLength', label: 'Maximum of 100 characters' },
  { key: 'noCommonWords', label: 'No common words' },
  { key: 'notUsername', label: 'Must not include your username' },
  { key: 'matches', label: 'Passwords must match' },
];

export type PasswordInput = { password: string; confirmation: string; username: string };
export type PasswordCheck = Record<PasswordRuleKey, boolean>;

/** Words are matched as substrings of this length or longer. */
export const MIN_COMMON_WORD = 4;

export function findCommonWord(password: string, words: ReadonlySet<string>): string | undefined {
  const lower = password.toLowerCase();
  for (let i = 0; i + MIN_COMMON_WORD <= lower.length; i++) {
    // Longest first, so the word named to the user is the whole word.
    for (let j = Math.min(lower.length, i + 40); j >= i + MIN_COMMON_WORD; j--) {
      const piece = lower.slice(i, j);
      if (words.has(piece)) return piece;
    }
  }
  return undefined;
}

export function checkPassword({ password, confirmation, username }: PasswordInput, commonWords: ReadonlySet<string>): PasswordCheck {
  const symbols = new Set(PASSWORD_SYMBOLS);
  return {
    digit: /[0-9]/.test(password),
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    symbol: [...password].some((c) => symbols.has(c)),
    noTripleRepeat: password.length > 0 && !/(.)\1\1/su.test(password),
    minLength: password.length >= 10,
    maxLength: password.length > 0 && password.length <= 100,
    noCommonWords: password.length > 0 && findCommonWord(password, commonWords) === undefined,
    notUsername: password.length > 0 && (username.trim() === '' || !password.toLowerCase().includes(username.trim().toLowerCase())),
    matches: password.length > 0 && password === confirmation,
  };
}

export const passwordAcceptable = (check: PasswordCheck) => Object.values(check).every(Boolean);

/** The first failing rule as a sentence for an error summary, or undefined. */
export function passwordProblem(check: PasswordCheck): string | undefined {
  const failed = PASSWORD_RULES.find((r) => !check[r.key]);
  if (!failed) return undefined;
  if (failed.key === 'matches') return 'The passwords do not match';
  if (failed.key === 'noCommonWords') return 'The password must not contain common words or well-known passwords';
  if (failed.key === 'notUsername') return 'The password must not include your username';
  return `The password needs: ${failed.label.charAt(0).toLowerCase()}${failed.label.slice(1)}`;
}
