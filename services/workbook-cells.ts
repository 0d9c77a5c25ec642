import { londonWallClock } from './london-time.ts';

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

/** A row as its cells' values, in the columns' order: what a worksheet is written from. */
export type WorkbookCells = unknown[];

/** A cell's date: a calendar date as it is, an instant as its wall-clock time in London. */
const dateOf = (kind: 'instant' | 'day', value: unknown) => {
  if (kind === 'day') return typeof value === 'string' && value ? new Date(`${value}T00:00:00Z`) : null;
  if (value instanceof Date) return londonWallClock(value);
  return typeof value === 'string' && value ? londonWallClock(new Date(value)) : null;
};

/** A row's cells (without exceljs, so the API's own thread can make them for the workbook thread). */
export function cellsOf<R>(columns: readonly WorkbookColumn<R>[], row: R): WorkbookCells {
  return columns.map(({ key, date }) => (date ? dateOf(date, row[key]) : (row[key] ?? null)));
}
