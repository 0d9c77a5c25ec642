import { PassThrough, Readable } from 'node:stream';
import type { Page } from '../../db/queries/keyset.ts';
import { listReferrals, type ReferralListFilters } from '../../db/queries/referral-list.ts';
import { describeError } from '../../services/describe-error.ts';
import { writeReferralWorkbook, type WorkbookRow } from '../../services/referral-workbook.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

/** Rows read per keyset page: large enough to keep the database busy, small enough to stay flat in memory. */
const EXPORT_BATCH = 1_000;

const SHEETS = [
  { name: 'Open Cases', tab: 'open' },
  { name: 'Closed Cases', tab: 'closed' },
] as const;

/**
 * Every row of one tab, in the list's order, a keyset page at a time; the next page is
 * read while the current one is written, so the database and the writer work side by side.
 */
async function* batchesOf(
  deps: AppDeps,
  auth: AuthContext,
  filters: ReferralListFilters,
): AsyncGenerator<WorkbookRow[]> {
  const read = (cursor?: string): Promise<Page<WorkbookRow>> => {
    const page = listReferrals(deps.db, auth.viewer, {
      ...filters,
      limit: EXPORT_BATCH,
      ...(cursor ? { cursor } : {}),
    });
    // Awaited below; if the writer fails first, the read ahead must not become an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<Page<WorkbookRow>> | undefined = read();
  while (next) {
    const page: Page<WorkbookRow> = await next;
    next = page.nextCursor ? read(page.nextCursor) : undefined;
    yield page.rows;
  }
}

/** What the audit log keeps of the filters: which were used and the codes and ids, never the typed text. */
function filterCodes(filters: Omit<ReferralListFilters, 'tab'>) {
  const { sort, dir, status, caseType, user, scope, search, ...typed } = filters;
  return {
    sort: sort ?? 'updatedAt',
    dir: dir ?? 'desc',
    status: status ?? null,
    caseType: caseType ?? null,
    user: user ?? null,
    scope: scope ?? null,
    search: Boolean(search),
    filters: Object.keys(typed)
      .filter((k) => typed[k as keyof typeof typed])
      .sort()
      .join(','),
  };
}

/**
 * Export Referrals: worksheet 1 the open cases, worksheet 2 the closed cases the
 * user may see, filtered and ordered like the list, written as the rows are read.
 * The body is a stream; one audit entry records the export once every row is written.
 */
export function exportReferrals(
  deps: AppDeps,
  auth: AuthContext,
  filters: Omit<ReferralListFilters, 'tab'>,
  ip?: string | null,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const sheets = SHEETS.map(({ name, tab }) => ({
    name,
    // A search looks within each worksheet's own tab here.
    batches: batchesOf(deps, auth, { ...filters, tab, searchAcrossTabs: false }),
  }));
  // Audited before the file is closed, so a download that completes is always on record.
  writeReferralWorkbook(out, sheets, ([open, closed]) =>
    auditBy(deps, auth, ip)('referrals.exported', undefined, {
      ...filterCodes(filters),
      openRows: open ?? 0,
      closedRows: closed ?? 0,
    }),
  )
    // Once the first bytes are sent there is no status left to change: the download fails instead.
    .catch((error: unknown) => {
      deps.log?.error({ err: describeError(error), user: auth.user.id }, 'referral export failed');
      out.destroy(new Error('export failed'));
    });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
