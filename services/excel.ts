import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

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

/** Excel has no time zones: a cell holds wall-clock time, so an instant becomes its time in London. */
export function londonWallClock(instant: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const n = (k: string) => Number(parts[k]);
  return new Date(Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')));
}

/** One worksheet with a frozen header row, filled from rows as they arrive; the workbook's bytes as a web stream. */
export function streamWorkbook<R>(sheetName: string, columns: SheetColumn<R>[], rows: AsyncIterable<R>) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
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
