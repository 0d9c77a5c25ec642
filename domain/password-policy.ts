/**
 * The password rules of SPEC.md section 3: one implementation for the server
 * and the portal. The common-words list is large, so it is passed in
 * (domain/common-words.ts loads it on the server; the portal asks the server).
 */
const PASSWORD_SYMBOLS = '!#$@_+,?[].-';
export const PASSWORD_MAX_LENGTH = 100;

export type PasswordRuleKey =
  | 'digit'
  | 'upper'
  | 'lower'
  | 'symbol'
  | 'noTripleRepeat'
  | 'minLength'
  | 'maxLength'
  | 'noCommonWords'
  | 'notUsername'
  | 'matches';

export const PASSWORD_RULES: readonly { key: PasswordRuleKey; label: string }[] = [
  { key: 'digit', label: 'At least one digit (0 to 9)' },
  { key: 'upper', label: 'At least one upper case letter (A to Z)' },
  { key: 'lower', label: 'At least one lower case letter (a to z)' },
  { key: 'symbol', label: `At least one symbol from ${PASSWORD_SYMBOLS.split('').join(' ')}` },
  { key: 'noTripleRepeat', label: 'No more than 2 repeated consecutive characters' },
  { key: 'minLength', label: 'Minimum of 10 characters' },
  { key: 'maxLength', label: `Maximum of ${PASSWORD_MAX_LENGTH} characters` },
  { key: 'noCommonWords', label: 'No common words' },
  { key: 'notUsername', label: 'Must not include your username' },
  { key: 'matches', label: 'Passwords must match' },
];

export type PasswordInput = { password: string; confirmation: string; username: string };
export type PasswordCheck = Record<PasswordRuleKey, boolean>;
/** The rules that need no word list: the portal ticks these as the user types. */
export type LocalPasswordCheck = Omit<PasswordCheck, 'noCommonWords'>;

/** Words are matched as substrings of this length or longer. */
const MIN_COMMON_WORD = 4;

/** The common words, lower-cased, unique and sorted: a trie read by binary search, with no extra memory. */
export type WordList = readonly string[] & { readonly __sorted: true };

export function wordList(words: Iterable<string>): WordList {
  const unique = new Set<string>();
  for (const word of words) if (word.length >= MIN_COMMON_WORD) unique.add(word.toLowerCase());
  return [...unique].sort() as unknown as WordList;
}

/**
 * What a character may stand for when letters are disguised as digits or
 * symbols (as zxcvbn reads them). Each is tried as well as the character
 * itself, so "1" is read as 1, i and l, and a real letter only ever as itself.
 */
const READINGS: Readonly<Record<string, string>> = {
  '4': 'a',
  '@': 'a',
  '8': 'b',
  '(': 'c',
  '{': 'c',
  '[': 'c',
  '<': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '1': 'il',
  '!': 'i',
  '|': 'il',
  '7': 'lt',
  '0': 'o',
  $: 's',
  '5': 's',
  '+': 't',
  '%': 'x',
  '2': 'z',
};

/** The first index in [lo, hi) whose word has a character code at `depth` of `code` or more (none counts as -1). */
function lowerBound(words: WordList, lo: number, hi: number, depth: number, code: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = words[mid]!.length > depth ? words[mid]!.charCodeAt(depth) : -1;
    if (at < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The longest list word that the password spells from `start`, reading each
 * character as itself or as a letter it may disguise. [lo, hi) is the range of
 * words sharing the prefix read so far: each reading narrows it, and the walk
 * branches only where the list has words down both readings.
 */
function longestWordAt(words: WordList, text: string, start: number): string | undefined {
  let found: string | undefined;
  const walk = (lo: number, hi: number, depth: number) => {
    if (depth >= MIN_COMMON_WORD && words[lo]!.length === depth && depth > (found?.length ?? 0)) found = words[lo];
    const char = text[start + depth];
    if (char === undefined) return;
    for (const reading of new Set(char + (READINGS[char] ?? ''))) {
      const code = reading.charCodeAt(0);
      const from = lowerBound(words, lo, hi, depth, code);
      const to = lowerBound(words, from, hi, depth, code + 1);
      if (from < to) walk(from, to, depth + 1);
    }
  };
  walk(0, words.length, 0);
  return found;
}

/** The first common word in the password, disguised or not (longest first, so the word named is the whole word). */
export function findCommonWord(password: string, words: WordList): string | undefined {
  if (words.length === 0) return undefined;
  const text = password.toLowerCase();
  for (let start = 0; start + MIN_COMMON_WORD <= text.length; start++) {
    const word = longestWordAt(words, text, start);
    if (word) return word;
  }
  return undefined;
}

export function checkLocalRules({ password, confirmation, username }: PasswordInput): LocalPasswordCheck {
  const symbols = new Set(PASSWORD_SYMBOLS);
  return {
    digit: /[0-9]/.test(password),
    upper: /[A-Z]/.test(password),
    lower: /[a-z]/.test(password),
    symbol: [...password].some((c) => symbols.has(c)),
    noTripleRepeat: password.length > 0 && !/(.)\1\1/su.test(password),
    minLength: password.length >= 10,
    maxLength: password.length > 0 && password.length <= PASSWORD_MAX_LENGTH,
    notUsername:
      password.length > 0 &&
      (username.trim() === '' || !password.toLowerCase().includes(username.trim().toLowerCase())),
    matches: password.length > 0 && password === confirmation,
  };
}

export function checkPassword(input: PasswordInput, commonWords: WordList): PasswordCheck {
  return {
    ...checkLocalRules(input),
    noCommonWords: input.password.length > 0 && findCommonWord(input.password, commonWords) === undefined,
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
