import type { Knex } from 'knex';
import { AppError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';

/**
 * Where a keyset page stopped: the sort timestamp as PostgreSQL prints it (a JS
 * Date would round to milliseconds and make the next page skip or repeat rows)
 * and the row's id, which breaks ties.
 */
type Cursor = { t: string; id: string };

export type Page<R> = { rows: R[]; nextCursor: string | null };

/** Pages as long as this fit every list; the API caps `limit` at it. */
export const MAX_PAGE = 200;

const BAD_CURSOR = 'That page link is out of date or damaged. Go back to the first page of the list.';

// PostgreSQL's ISO output for timestamptz, e.g. 2026-11-23 13:31:59.309941+00 (or +05:30).
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-](\d{2})(:\d{2}){0,2}$/;

/** Only what PostgreSQL reads back without error: a crafted cursor is a 400, never a failed statement. */
function isTimestamp(text: string): boolean {
  const m = PG_TIMESTAMPTZ.exec(text);
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
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify({ t: c.t, id: c.id })).toString('base64url');

function decodeCursor(text: string): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString());
  } catch {
    throw new AppError('BAD_REQUEST', BAD_CURSOR);
  }
  const { t, id } = (c ?? {}) as Partial<Record<keyof Cursor, unknown>>;
  if (typeof t !== 'string' || typeof id !== 'string' || !isTimestamp(t) || !isUuid(id))
    throw new AppError('BAD_REQUEST', BAD_CURSOR);
  return { t, id };
}

/**
 * A list's order: a timestamp expression and the id that breaks ties, both SQL
 * written here in db/ (never input), each list running one way.
 */
export type Keyset = { key: string; id: string; direction: 'asc' | 'desc' };

/**
 * Orders the query by the keyset, starts it after the cursor's row, and asks for
 * one row more than a page (which only says that another page follows).
 */
export function pageQuery(
  db: Knex,
  query: Knex.QueryBuilder,
  { key, id, direction }: Keyset,
  options: { limit: number; cursor?: string | undefined },
) {
  query
    .orderByRaw(`${key} ${direction}, ${id} ${direction}`)
    .limit(options.limit + 1)
    .select(db.raw(`(${key})::text as cursor_t`));
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor);
    query.whereRaw(`(${key}, ${id}) ${direction === 'asc' ? '>' : '<'} (?::timestamptz, ?::uuid)`, [
      cursor.t,
      cursor.id,
    ]);
  }
  return query;
}

/** One page from the rows a pageQuery returned; the next starts after the page's last row. */
export function pageOf<R>(
  rows: Record<string, unknown>[],
  limit: number,
  present: (row: Record<string, unknown>) => R,
): Page<R> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    rows: rows.slice(0, limit).map(present),
    nextCursor: last ? encodeCursor({ t: last.cursorT as string, id: last.id as string }) : null,
  };
}
