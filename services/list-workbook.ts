import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * One column of an exported list: its header, the row's field, a width for its usual
 * text, and for a date the kind of value the row holds (an instant, as a Date or ISO text,
 * or a calendar date YYYY-MM-DD), written as an Excel date in the list's format.
 */
export type WorkbookColumn<R> = {
  header: string;
  key: keyof R & string;
  width: number;
  date?: 'instant' | 'day';
};

const FORMATS = { instant: 'dd/mm/yyyy hh:mm', day: 'dd/mm/yyyy' } as const;

const dateOf = (kind: 'instant' | 'day', value: unknown) =>
  value instanceof Date
    ? value
    : typeof value !== 'string' || !value
      ? null
      : new Date(kind === 'day' ? `${value}T00:00:00Z` : value);

/**
 * Writes a workbook of worksheets, each filled from its own source of row batches,
 * straight to `out` with exceljs's streaming writer: each row is committed as it is
 * written and a batch waits for `out` to drain, so memory stays flat however many
 * rows there are. Returns how many rows each worksheet got.
 */
export async function writeWorkbook<R>(
  out: Writable,
  columns: readonly WorkbookColumn<R>[],
  sheets: { name: string; batches: AsyncIterable<R[]> }[],
  /** Runs once every row is written, before the file is closed: a failure here fails the download. */
  beforeClose: (counts: number[]) => Promise<void> = async () => {},
): Promise<number[]> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const dates = columns.filter((c) => c.date);
  const counts: number[] = [];
  for (const { name, batches } of sheets) {
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map(({ header, key, width, date }) => ({
      header,
      key,
      width,
      ...(date ? { style: { numFmt: FORMATS[date] } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let count = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        const values = { ...row } as Record<string, unknown>;
        for (const { key, date } of dates) values[key] = dateOf(date!, values[key]);
        sheet.addRow(values).commit();
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
