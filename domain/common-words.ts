// Only the two lists the rule uses (not the packages' whole dictionaries). Loaded
// by the server alone: the portal asks POST /api/password-check instead.
import passwords from '@zxcvbn-ts/language-common/dist/passwords.json.mjs';
import englishWords from '@zxcvbn-ts/language-en/dist/commonWords.json.mjs';
import { wordList, type WordList } from './password-policy.ts';

/**
 * The bundled "common words" list: ~49k well-known and breached passwords and
 * ~56k common English words (zxcvbn-ts), lower-cased, four characters or more.
 */
let words: WordList | undefined;

export function commonWords(): WordList {
  words ??= wordList([...passwords, ...englishWords]);
  return words;
}
