import { dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as english } from '@zxcvbn-ts/language-en';
import { MIN_COMMON_WORD } from './password-policy.ts';

/**
 * The bundled "common words" list: ~49k well-known and breached passwords and
 * ~56k common English words (zxcvbn-ts), lower-cased, four characters or more.
 */
let words: Set<string> | undefined;

export function commonWords(): ReadonlySet<string> {
  words ??= new Set(
    [...common['passwords-common'], ...english['commonWords-en']]
      .map((w) => w.toLowerCase())
      .filter((w) => w.length >= MIN_COMMON_WORD),
  );
  return words;
}
