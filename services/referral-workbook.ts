import type { ReferralExportRow } from '../db/queries/referral-list.ts';
import type { WorkbookColumn } from './workbook-cells.ts';

/** One row of an exported referral list, as the list shows it (db/queries/referral-list.ts reads it). */
export type WorkbookRow = ReferralExportRow;

/** The columns of both worksheets: Track Referrals' own, in its order, with widths for their usual text. */
export const REFERRAL_COLUMNS: WorkbookColumn<WorkbookRow>[] = [
  { header: 'Employee', key: 'employee', width: 28 },
  { header: 'Case Number', key: 'caseNumber', width: 20 },
  { header: 'Division', key: 'division', width: 18 },
  { header: 'Location', key: 'location', width: 18 },
  { header: 'Department', key: 'department', width: 18 },
  { header: 'Received', key: 'received', width: 17, date: 'instant' },
  { header: 'Status', key: 'statusLabel', width: 40 },
  { header: 'Case Type', key: 'caseType', width: 28 },
  { header: 'Organisation', key: 'organisation', width: 24 },
  { header: 'Owner', key: 'owner', width: 24 },
  { header: 'Recall Date', key: 'recallDate', width: 12, date: 'day' },
  { header: 'Last Updated', key: 'updatedAt', width: 17, date: 'instant' },
];
