import { PassThrough, Readable } from 'node:stream';
import type { Page } from '../db/queries/keyset.ts';
import { describeError } from '../services/describe-error.ts';
import type { WorkbookColumn } from '../services/workbook-cells.ts';
import { writeWorkbookOnThread } from '../services/workbook-thread.ts';
import type { AppDeps, AuthContext } from './context.ts';

/** Rows read per keyset page: large enough to keep the database busy, small enough to stay flat in memory. */
const EXPORT_BATCH = 1_000;

/** One worksheet: its name and how to read one page of its rows (the list's own query, its filters bound). */
export type ExportSheet<R> = { name: string; read: (page: { limit: number; cursor?: string }) => Promise<Page<R>> };

/**
 * Every row of one worksheet, in the list's order, a keyset page at a time; the next page is
 * read while the current one is written, so the database and the writer work side by side.
 */
async function* batchesOf<R>(sheet: ExportSheet<R>): AsyncGenerator<R[]> {
  const read = (cursor?: string): Promise<Page<R>> => {
    const page = sheet.read({ limit: EXPORT_BATCH, ...(cursor ? { cursor } : {}) });
    // Awaited below; if the writer fails first, the read ahead must not become an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<Page<R>> | undefined = read();
  while (next) {
    const page: Page<R> = await next;
    next = page.nextCursor ? read(page.nextCursor) : undefined;
    yield page.rows;
  }
}

/**
 * A tracking list's export: the workbook is written as the rows are read, on a thread of its
 * own (services/workbook-thread.ts), and the body is a stream. `audit` records the export once
 * every row is written, before the file is closed, so a download that completes is always on record.
 */
export function streamListExport<R>(
  deps: AppDeps,
  auth: AuthContext,
  workbook: {
    columns: readonly WorkbookColumn<R>[];
    sheets: ExportSheet<R>[];
    audit: (counts: number[]) => Promise<void>;
  },
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const sheets = workbook.sheets.map((sheet) => ({ name: sheet.name, batches: batchesOf(sheet) }));
  writeWorkbookOnThread(out, workbook.columns, sheets, workbook.audit)
    // Once the first bytes are sent there is no status left to change: the download fails instead.
    .catch((error: unknown) => {
      deps.log?.error({ err: describeError(error), user: auth.user.id }, 'list export failed');
      out.destroy(new Error('export failed'));
    });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/**
 * What the audit log keeps of a view: the sort, the exact filters' codes and ids (`codes`),
 * whether there was a search, and which "contains" filters were used, never the typed text.
 */
export function filterCodes(
  view: { sort?: string | undefined; dir?: string | undefined; search?: string | undefined },
  codes: readonly string[],
): Record<string, string | boolean | null> {
  const { sort, dir, search, ...rest } = view as Record<string, string | undefined>;
  const typed = Object.keys(rest).filter((k) => !codes.includes(k) && rest[k]);
  return {
    sort: sort ?? 'updatedAt',
    dir: dir ?? 'desc',
    ...Object.fromEntries(codes.map((code) => [code, rest[code] ?? null])),
    search: Boolean(search),
    filters: typed.sort().join(','),
  };
}

/** The workbook response's headers: a download by this name, never cached. */
export function workbookHeaders(c: { header: (name: string, value: string) => void }, filename: string) {
  c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Cache-Control', 'no-store');
}
