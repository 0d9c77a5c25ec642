import { isUuid } from '../../domain/ids.ts';
import { isStorableText } from '../../domain/text.ts';

/**
 * Opaque keyset cursors: the sort key of a page's last row, which the next page
 * starts after. Timestamps travel as PostgreSQL's text (`created_at::text`), not
 * as a Date, so they keep their microseconds and no row is skipped or shown twice.
 */
const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Checks one part of a sort key before it reaches SQL, where a bad cast would be a 500. */
type KeyPart = (value: string) => boolean;
// The cursor is decoded from base64 here, after the API's check of query text, so it is checked again.
export const text: KeyPart = isStorableText;
export const uuid: KeyPart = isUuid;
export const timestampText: KeyPart = (value) =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(value);

/** The sort key in a cursor, or undefined when it is not one of ours (the list then starts at its first page). */
export function decodeCursor(cursor: string | undefined, parts: readonly KeyPart[]): string[] | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (!Array.isArray(key) || key.length !== parts.length) return undefined;
    return key.every((value, i) => typeof value === 'string' && parts[i]!(value)) ? (key as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export type PageOptions = {
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string | undefined;
};

export type Page<T> = { rows: T[]; nextCursor: string | null };

/**
 * A page from rows fetched with `limit + 1`: the extra row only tells that
 * another page exists; the cursor is the sort key of the last row shown.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => readonly string[],
  toRow: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { rows: shown.map(toRow), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
