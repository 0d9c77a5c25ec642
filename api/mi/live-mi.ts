import { miFilterOptions, outcomeRates, referralVolumes, turnaroundTimes } from '../../db/queries/mi.ts';
import { listPacks, organisationSummary, packFile } from '../../db/queries/mi-packs.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isMonth, type MiFilters, type MiTab, MI_TABS, monthOf } from '../../domain/mi.ts';
import { miWorkbook } from '../../services/mi-workbook.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { startMiPack } from '../temporal-edge.ts';

/**
 * Live MI for an MI viewer: each tab's figures over the cases the viewer may see, the filter choices, and
 * each tab as an Excel workbook (audited, as every export is). Monthly packs: listed to the organisation's
 * MI viewers, downloads audited, run again by a provider admin.
 */

export function checkFilters(filters: MiFilters): void {
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new AppError('BAD_REQUEST', 'The start date must be on or before the end date.', {
      from: 'The start date must be on or before the end date',
    });
  }
}

export const liveMi = {
  volumes: (deps: AppDeps, auth: AuthContext, f: MiFilters) => referralVolumes(deps.db, auth.viewer, f),
  outcomes: (deps: AppDeps, auth: AuthContext, f: MiFilters) => outcomeRates(deps.db, auth.viewer, f),
  turnaround: (deps: AppDeps, auth: AuthContext, f: MiFilters) => turnaroundTimes(deps.db, auth.viewer, f),
  filters: (deps: AppDeps, auth: AuthContext) => miFilterOptions(deps.db, auth.organisation.id),
};

/** What the filters cover, in words, for the workbook's heading. */
function scopeOf(f: MiFilters): string {
  const dates =
    f.from || f.to
      ? `sent ${f.from ? `from ${f.from}` : ''}${f.from && f.to ? ' ' : ''}${f.to ? `to ${f.to}` : ''}`
      : 'sent at any date';
  const narrowed = [f.locationId && 'one location', f.divisionId && 'one division', f.departmentId && 'one department']
    .filter(Boolean)
    .join(', ');
  return `Referrals you may see, ${dates}${narrowed ? `, ${narrowed}` : ''}.`;
}

export async function exportTab(
  deps: AppDeps,
  auth: AuthContext,
  tab: MiTab,
  filters: MiFilters,
  ip: string | null,
): Promise<{ filename: string; bytes: Buffer }> {
  const label = MI_TABS.find((t) => t.key === tab)?.label ?? tab;
  const input = { title: `${auth.organisation.name} management information`, scope: scopeOf(filters) };
  const bytes =
    tab === 'volumes'
      ? await miWorkbook({ ...input, volumes: await liveMi.volumes(deps, auth, filters) })
      : tab === 'outcomes'
        ? await miWorkbook({ ...input, outcomes: await liveMi.outcomes(deps, auth, filters) })
        : await miWorkbook({ ...input, turnaround: await liveMi.turnaround(deps, auth, filters) });
  await auditBy(deps, auth, ip)('mi.exported', { organisation: auth.organisation.id }, { tab });
  return { filename: `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.xlsx`, bytes };
}

export const listOwnPacks = (deps: AppDeps, auth: AuthContext) => listPacks(deps.db, auth.organisation.id);

const PACK_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** A pack of the viewer's own organisation; another organisation's is not found. Audited. */
export async function downloadPack(
  deps: AppDeps,
  auth: AuthContext,
  packId: string,
  format: 'xlsx' | 'pdf',
  ip: string | null,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  const file = await packFile(deps.db, auth.organisation.id, packId, format);
  if (!file) throw notFound('The report pack');
  await auditBy(deps, auth, ip)('mi_pack.downloaded', { organisation: auth.organisation.id }, { pack: packId, format });
  return { filename: `mi-pack-${file.month}.${format}`, contentType: PACK_TYPES[format], bytes: file.bytes };
}

/** A provider admin builds one organisation's pack for a month again (or for the first time). */
export async function runPackAgain(
  deps: AppDeps,
  auth: AuthContext,
  input: { organisationId: string; month: string },
  ip: string | null,
): Promise<{ workflowId: string }> {
  if (!isMonth(input.month))
    throw new AppError('BAD_REQUEST', 'Enter the month as YYYY-MM.', { month: 'Enter the month as YYYY-MM' });
  // This month as the organisation's calendar has it (UK), as the pack's figures are counted.
  if (input.month > monthOf(new Date()))
    throw new AppError('BAD_REQUEST', 'A pack can be built only for this month or one before it.', {
      month: 'Choose this month or one before it',
    });
  const organisation = await organisationSummary(deps.db, input.organisationId);
  if (!organisation || organisation.isProvider) throw notFound('The organisation');
  const workflowId = await startMiPack(deps, input);
  await auditBy(deps, auth, ip)('mi_pack.run', { organisation: organisation.id }, { month: input.month });
  return { workflowId };
}
