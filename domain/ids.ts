const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is refused before it reaches a query. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The reference a referral is known by until it has a case number: the first 8
 * hex digits of its id, upper-cased ("FF4C13BD"). Emails, lists and the portal all
 * show this one.
 */
export const referenceOf = (id: string): string => id.slice(0, 8).toUpperCase();

const REFERENCE = /^[0-9a-f]{8}$/i;

/**
 * The ids a typed reference stands for, as an inclusive range (uuids sort byte by
 * byte, so the primary key index answers it); undefined when it is not a reference.
 */
export function idRangeOfReference(text: string): readonly [string, string] | undefined {
  const value = text.trim().toLowerCase();
  if (!REFERENCE.test(value)) return undefined;
  return [`${value}-0000-0000-0000-000000000000`, `${value}-ffff-ffff-ffff-ffffffffffff`];
}
