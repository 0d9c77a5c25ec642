import { listReferralsForExport, type ReferralListFilters } from '../../db/queries/referral-list.ts';
import { REFERRAL_COLUMNS } from '../../services/referral-workbook.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { filterCodes, streamListExport } from '../list-export.ts';

const SHEETS = [
  { name: 'Open Cases', tab: 'open' },
  { name: 'Closed Cases', tab: 'closed' },
] as const;

/**
 * Export Referrals: worksheet 1 the open cases, worksheet 2 the closed cases the
 * user may see, filtered and ordered like the list, written as the rows are read;
 * one audit entry records the export once every row is written.
 */
export function exportReferrals(
  deps: AppDeps,
  auth: AuthContext,
  filters: Omit<ReferralListFilters, 'tab'>,
  ip?: string | null,
): ReadableStream<Uint8Array> {
  return streamListExport(deps, auth, {
    columns: REFERRAL_COLUMNS,
    sheets: SHEETS.map(({ name, tab }) => ({
      name,
      // A search looks within each worksheet's own tab here.
      read: (page) =>
        listReferralsForExport(deps.db, auth.viewer, { ...filters, tab, searchAcrossTabs: false, ...page }),
    })),
    audit: ([open, closed]) =>
      auditBy(deps, auth, ip)('referrals.exported', undefined, {
        ...filterCodes(filters, ['status', 'caseType', 'user', 'scope']),
        openRows: open ?? 0,
        closedRows: closed ?? 0,
      }),
  });
}
