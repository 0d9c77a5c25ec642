import { PassThrough, Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded by the first export rather than at start: ~30 MB the API does without until
 * someone downloads a workbook (Track Referrals' and Track Questionnaires' exports never load it
 * here: their workbook thread does, services/workbook-thread.ts).
 */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/**
 * Excel downloads, streamed: exceljs's WorkbookWriter writes each row as it comes
 * (committed at once), so a long list never sits in memory. Dates are real Excel
 * dates (sortable and filterable), shown in UK time.
 */
export type SheetColumn<R> = {
  header: string;
  width: number;
  value: (row: R) => string | number | Date | null;
  /** An Excel number format, e.g. for dates. */
  numFmt?: string;
};

export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** One worksheet with a frozen header row, filled from rows as they arrive; the workbook's bytes as a web stream. */
export function streamWorkbook<R>(sheetName: string, columns: SheetColumn<R>[], rows: AsyncIterable<R>) {
  const out = new PassThrough();
  void (async () => {
    try {
      const { stream } = await loadExcelJs();
      const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c, i) => ({
        key: String(i),
        header: c.header,
        width: c.width,
        ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for await (const row of rows) {
        sheet.addRow(columns.map((c) => c.value(row))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
