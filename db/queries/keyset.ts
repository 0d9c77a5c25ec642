import type { Knex } from 'knex';
import { AppError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { isStorableText } from '../../domain/text.ts';

/**
 * Keyset pages for every list: a page ends at its last row's sort key, and the
 * next page starts after it (no OFFSET). The key travels in an opaque cursor;
 * timestamps as PostgreSQL prints them (a JS Date would round to milliseconds
 * and make the next page skip or repeat rows).
 */
export type Page<R> = { rows: R[]; nextCursor: string | null };

export type PageOptions = {
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string | undefined;
};

/** Pages as long as this fit every list; the API caps `limit` at it. */
export const MAX_PAGE = 200;

const BAD_CURSOR = 'That page link is out of date or damaged. Go back to the first page of the list.';

/** Checks one part of a sort key before it reaches SQL, where a bad cast would be a 500. */
type KeyPart = (value: string) => boolean;

// PostgreSQL's ISO output for timestamptz, e.g. 2026-11-23 13:31:59.309941+00 (or +05:30).
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](\d{2})(:\d{2}){0,2}$/;

/** Only what PostgreSQL reads back without error: a crafted cursor is a 400, never a failed statement. */
export const timestampText: KeyPart = (value) => {
  const m = PG_TIMESTAMPTZ.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours] = [m[1], m[2], m[3], m[4], m[5], m[6], m[8]].map(
    Number,
  ) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offsetHours! <= 15
  );
};
// The cursor is decoded from base64 here, after the API's check of query text, so text is checked again.
export const text: KeyPart = isStorableText;
export const uuid: KeyPart = isUuid;

const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key in a cursor, checked part by part; a cursor that is not one of ours is refused with 400. */
export function decodeCursor(cursor: string | undefined, parts: readonly KeyPart[]): string[] | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw new AppError('BAD_REQUEST', BAD_CURSOR, { cursor: BAD_CURSOR });
  }
  if (
    !Array.isArray(key) ||
    key.length !== parts.length ||
    !key.every((value, i) => typeof value === 'string' && parts[i]!(value))
  ) {
    throw new AppError('BAD_REQUEST', BAD_CURSOR, { cursor: BAD_CURSOR });
  }
  return key as string[];
}

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

/**
 * A list ordered by a timestamp and the id that breaks ties, both SQL written
 * here in db/ (never input), running one way.
 */
export type Keyset = { key: string; id: string; direction: 'asc' | 'desc' };

/**
 * Orders the query by the keyset, starts it after the cursor's row, and asks for
 * one row more than a page (which only says that another page follows).
 */
export function pageQuery(db: Knex, query: Knex.QueryBuilder, { key, id, direction }: Keyset, options: PageOptions) {
  query
    .orderByRaw(`${key} ${direction}, ${id} ${direction}`)
    .limit(options.limit + 1)
    .select(db.raw(`(${key})::text as cursor_t`));
  const after = decodeCursor(options.cursor, [timestampText, uuid]);
  if (after) query.whereRaw(`(${key}, ${id}) ${direction === 'asc' ? '>' : '<'} (?::timestamptz, ?::uuid)`, after);
  return query;
}

/** One page from the rows a pageQuery returned. */
export function pageOf<R>(
  rows: Record<string, unknown>[],
  limit: number,
  present: (row: Record<string, unknown>) => R,
): Page<R> {
  return toPage(rows, limit, (row) => [row.cursorT as string, row.id as string], present);
}

/**
 * A sort key a person chooses (a list column, either way). `sql` is written in
 * db/ (never input) and is never NULL: a nullable column is coalesced to a value
 * below every real one (an empty text, `-infinity`), so blanks sort first going
 * up and last going down, and the index on the same expression answers both ways.
 */
export type SortKey = { name: string; sql: string; type: 'text' | 'timestamptz' | 'date' };

/** A chosen sort: the key, the way, and the row's id column that breaks ties (e.g. `r.id`). */
export type SortOrder = { key: SortKey; direction: 'asc' | 'desc'; id: string };

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateText: KeyPart = (value) => {
  const m = DATE_TEXT.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
};
const orMinusInfinity =
  (part: KeyPart): KeyPart =>
  (value) =>
    value === '-infinity' || part(value);
const KEY_PARTS: Record<SortKey['type'], KeyPart> = {
  text,
  timestamptz: orMinusInfinity(timestampText),
  date: orMinusInfinity(dateText),
};
const exactly =
  (expected: string): KeyPart =>
  (value) =>
    value === expected;

/**
 * Orders the query by the chosen key and the id that breaks ties, starts it after
 * the cursor's row, and asks for one row more than a page. The cursor names its
 * sort and direction: one from another sort or direction is refused with 400.
 */
export function sortedPageQuery(db: Knex, query: Knex.QueryBuilder, order: SortOrder, options: PageOptions) {
  const { key, direction, id } = order;
  orderBySortKey(db, query, order).limit(options.limit + 1);
  const after = decodeCursor(options.cursor, [exactly(key.name), exactly(direction), KEY_PARTS[key.type], uuid]);
  if (after)
    query.whereRaw(`(${key.sql}, ${id}) ${direction === 'asc' ? '>' : '<'} (?::${key.type}, ?::uuid)`, [
      after[2]!,
      after[3]!,
    ]);
  return query;
}

/** The order alone (an export reads every row, in the list's order). */
function orderBySortKey(db: Knex, query: Knex.QueryBuilder, { key, direction, id }: SortOrder) {
  return query
    .orderByRaw(`${key.sql} ${direction}, ${id} ${direction}`)
    .select(db.raw(`(${key.sql})::text as cursor_k`));
}

/** One page from the rows a sortedPageQuery returned. */
export function sortedPageOf<R>(
  rows: Record<string, unknown>[],
  limit: number,
  { key, direction }: SortOrder,
  present: (row: Record<string, unknown>) => R,
): Page<R> {
  return toPage(rows, limit, (row) => [key.name, direction, row.cursorK as string, row.id as string], present);
}
