/**
 * What an organisation's settings may be, stated once: the operator's command
 * (bin/operator/inputs.ts) and the provider admin's pages (api/admin/) both check
 * with these, each naming the field its own way.
 */

/** A domain name such as csm.example, lower case, without the @. */
export const EMAIL_DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export const normaliseEmailDomain = (value: string) => value.trim().toLowerCase().replace(/^@/, '');

/** Case numbers read `<prefix>/<n>`, like CSM/OM/MD/50. */
export const CASE_NUMBER_PREFIX = /^[A-Za-z0-9]{1,10}(\/[A-Za-z0-9]{1,10}){0,4}$/;

/** Organisation codes are upper case (they appear in Temporal's search attributes and on screens). */
export const ORGANISATION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,19}$/;

/** Service levels, in calendar days: the MI turnaround tab measures against them. */
export const SERVICE_LEVEL_MAX_DAYS = 365;

/** The domain of an email address, lower case. */
export const emailDomainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

// No 0/O or 1/I/L: people type it from a letter or a phone call.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A verification code from a source of random integers: 12 characters from 31 (about 59 bits), in groups of four. */
export function verificationCodeFrom(randomInt: (max: number) => number): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
