import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellsOf, type WorkbookCells, type WorkbookColumn } from './workbook-cells.ts';
import { DATE_TIME_FORMAT } from './excel.ts';

/** The list's formats: an instant as every export shows one, a calendar date without a time. */
const FORMATS = { instant: DATE_TIME_FORMAT, day: 'dd/mm/yyyy' } as const;

/**
 * Writes a workbook of worksheets, each filled from its own source of row batches,
 * straight to `out` with exceljs's streaming writer: each row is committed as it is
 * written and a batch waits for `out` to drain. Returns how many rows each worksheet got.
 */
export function writeWorkbook<R>(
  out: Writable,
  columns: readonly WorkbookColumn<R>[],
  sheets: { name: string; batches: AsyncIterable<R[]> }[],
  /** Runs once every row is written, before the file is closed: a failure here fails the download. */
  beforeClose?: (counts: number[]) => Promise<void>,
): Promise<number[]> {
  async function* cells(batches: AsyncIterable<R[]>): AsyncGenerator<WorkbookCells[]> {
    for await (const batch of batches) yield batch.map((row) => cellsOf(columns, row));
  }
  return writeWorkbookCells(
    out,
    columns,
    sheets.map(({ name, batches }) => ({ name, batches: cells(batches) })),
    beforeClose,
  );
}

/** writeWorkbook from rows already made cells (cellsOf): the workbook thread's half of the work. */
export async function writeWorkbookCells(
  out: Writable,
  columns: readonly WorkbookColumn<never>[],
  sheets: { name: string; batches: AsyncIterable<WorkbookCells[]> }[],
  beforeClose: (counts: number[]) => Promise<void> = async () => {},
): Promise<number[]> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const counts: number[] = [];
  for (const { name, batches } of sheets) {
    const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map(({ header, width, date }) => ({
      header,
      width,
      ...(date ? { style: { numFmt: FORMATS[date] } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let count = 0;
    for await (const batch of batches) {
      for (const cells of batch) sheet.addRow(cells).commit();
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
