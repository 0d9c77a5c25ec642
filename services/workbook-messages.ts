import type { MessagePort } from 'node:worker_threads';
import type { WorkbookCells, WorkbookColumn } from './workbook-cells.ts';

/** What services/workbook-thread.ts and its thread (services/workbook-worker.ts) say to each other. */

/** To the thread, once per workbook: its columns, worksheets and the port all the rest goes over. */
export type StartWorkbook = {
  columns: readonly WorkbookColumn<never>[];
  sheets: string[];
  port: MessagePort;
};

/** To the thread: rows (as their cells) in order, worksheet by worksheet; acknowledgements of its bytes; leave to close. */
export type ToThread =
  | { type: 'rows'; sheet: number; rows: WorkbookCells[] }
  | { type: 'sheet-end'; sheet: number }
  | { type: 'written' }
  | { type: 'close' };

/** From the thread: a batch taken, the file's bytes, every row written (counts per worksheet), the end, or a failure's code. */
export type FromThread =
  | { type: 'taken' }
  | { type: 'bytes'; bytes: Uint8Array }
  | { type: 'rows-written'; counts: number[] }
  | { type: 'end'; counts: number[] }
  | { type: 'failed'; code: string };
