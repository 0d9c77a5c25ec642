import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** One row of an exported list, as the list shows it. */
export type WorkbookRow = {
  employee: string;
  caseNumber: string | null;
  division: string | null;
  location: string | null;
  department: string | null;
  received: string | null;
  statusLabel: string;
  caseType: string;
  organisation: string;
  owner: string;
  recallDate: string | null;
  updatedAt: string;
};

const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';

/** The columns of both worksheets: Track Referrals' own, in its order, with widths for their usual text. */
const COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'Employee', key: 'employee', width: 28 },
  { header: 'Case Number', key: 'caseNumber', width: 20 },
  { header: 'Division', key: 'division', width: 18 },
  { header: 'Location', key: 'location', width: 18 },
  { header: 'Department', key: 'department', width: 18 },
  { header: 'Received', key: 'received', width: 17, style: { numFmt: DATE_TIME } },
  { header: 'Status', key: 'statusLabel', width: 40 },
  { header: 'Case Type', key: 'caseType', width: 28 },
  { header: 'Organisation', key: 'organisation', width: 24 },
  { header: 'Owner', key: 'owner', width: 24 },
  { header: 'Recall Date', key: 'recallDate', width: 12, style: { numFmt: DATE } },
  { header: 'Last Updated', key: 'updatedAt', width: 17, style: { numFmt: DATE_TIME } },
];

/** A calendar date (YYYY-MM-DD) as the Excel date of that day. */
const dayOf = (date: string | null) => (date ? new Date(`${date}T00:00:00Z`) : null);
const instantOf = (at: string | null) => (at ? new Date(at) : null);

/**
 * Writes a workbook of worksheets, each filled from its own source of row batches,
 * straight to `out` with exceljs's streaming writer: each row is committed as it is
 * written and a batch waits for `out` to drain, so memory stays flat however many
 * rows there are. Returns how many rows each worksheet got.
 */
export async function writeReferralWorkbook(
  out: Writable,
  sheets: { name: string; batches: AsyncIterable<WorkbookRow[]> }[],
  /** Runs once every row is written, before the file is closed: a failure here fails the download. */
  beforeClose: (counts: number[]) => Promise<void> = async () => {},
): Promise<number[]> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const counts: number[] = [];
  for (const { name, batches } of sheets) {
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS;
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let count = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        sheet
          .addRow({
            ...row,
            received: instantOf(row.received),
            recallDate: dayOf(row.recallDate),
            updatedAt: instantOf(row.updatedAt),
          })
          .commit();
      }
      count += batch.length;
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    counts.push(count);
  }
  await beforeClose(counts);
  await book.commit();
  return counts;
}
