import { HAS_ALPHANUMERIC } from '../../api/accounts/register.ts';
import { AppError } from '../../domain/errors.ts';
import {
  CASE_NUMBER_PREFIX,
  EMAIL_DOMAIN,
  normaliseEmailDomain,
  ORGANISATION_CODE,
} from '../../domain/organisations.ts';
import { isStorableText } from '../../domain/text.ts';

/** The operator's arguments, checked by the rules the portal applies to the same fields. Refusals name the option. */
const refuse = (message: string): never => {
  throw new AppError('BAD_REQUEST', message);
};

export function required(option: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return refuse(`--${option} is required.`);
  return value;
}

/** Free text a person reads (names): trimmed, with a letter or digit, storable, not too long. */
export function text(option: string, value: string, max = 200): string {
  const trimmed = value.trim();
  if (!HAS_ALPHANUMERIC.test(trimmed)) refuse(`--${option} must contain at least 1 letter or number.`);
  if (!isStorableText(trimmed))
    refuse(`--${option} holds a character that cannot be saved (a null character or half of an emoji).`);
  if (trimmed.length > max) refuse(`--${option} must be at most ${max} characters.`);
  return trimmed;
}

/** Organisation codes are upper case (they appear in Temporal's search attributes and on screens). */
export function organisationCode(value: string | undefined): string {
  const code = required('code', value).trim().toUpperCase();
  if (!ORGANISATION_CODE.test(code)) {
    refuse('--code must be 2 to 20 letters, digits, dashes or underscores, starting with a letter or digit, like CSM.');
  }
  return code;
}

/** Case numbers read `<prefix>/<n>`, like CSM/OM/MD/50. */
export function caseNumberPrefix(value: string): string {
  const prefix = value.trim();
  if (!CASE_NUMBER_PREFIX.test(prefix)) {
    refuse('--case-number-prefix must be up to five groups of letters or digits separated by "/", like CSM/OM/MD.');
  }
  return prefix;
}

export function emailDomains(values: string[] | undefined): string[] {
  const domains = [...new Set((values ?? []).map(normaliseEmailDomain))];
  if (domains.length === 0)
    refuse("--email-domain is required: the domain of the staff's work email addresses, like csm.example.");
  for (const domain of domains) {
    if (!EMAIL_DOMAIN.test(domain)) refuse(`--email-domain ${domain} is not a domain name, like csm.example.`);
  }
  return domains.sort();
}

/** Repeated names (locations, divisions, departments): each checked, duplicates dropped. */
export function names(option: string, values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => text(option, v, 100)))].sort();
}

/** `--forms a,b` or `--forms a --forms b`. */
export function commaList(values: string[] | undefined): string[] {
  return [
    ...new Set(
      (values ?? [])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].sort();
}
