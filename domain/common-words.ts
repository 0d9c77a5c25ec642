// Only the two lists the rule uses (not the packages' whole dictionaries): the
// portal loads this chunk on pages that set a password, so its size matters.
import passwords from '@zxcvbn-ts/language-common/dist/passwords.json.mjs';
import englishWords from '@zxcvbn-ts/language-en/dist/commonWords.json.mjs';
import { MIN_COMMON_WORD } from './password-policy.ts';

/**
 * The bundled "common words" list: ~49k well-known and breached passwords and
 * ~56k common English words (zxcvbn-ts), lower-cased, four characters or more.
 */
let words: Set<string> | undefined;

export function commonWords(): ReadonlySet<string> {
  words ??= new Set([...passwords, ...englishWords].map((w) => w.toLowerCase()).filter((w) => w.length >= MIN_COMMON_WORD));
  return words;
}
