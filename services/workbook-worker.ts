import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { describeError } from './describe-error.ts';
import { writeWorkbookCells } from './list-workbook.ts';
import type { WorkbookCells } from './workbook-cells.ts';
import type { FromThread, StartWorkbook, ToThread } from './workbook-messages.ts';

/**
 * The workbook thread (see services/workbook-thread.ts): each message starts one workbook, written
 * with writeWorkbookCells from the rows that arrive on its own port, its bytes sent back over that port,
 * each chunk held until the parent's `out` has taken it. Workbooks in progress at once interleave.
 */
parentPort!.on('message', ({ columns, sheets, port }: StartWorkbook) => {
  void writeOne(columns, sheets, port);
});

async function writeOne(
  columns: StartWorkbook['columns'],
  sheets: string[],
  port: StartWorkbook['port'],
): Promise<void> {
  const send = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const arrived: Extract<ToThread, { type: 'rows' | 'sheet-end' }>[] = [];
  let wake: (() => void) | undefined;
  const unwritten: ((error?: Error) => void)[] = [];
  let mayClose: { resolve: () => void; reject: (error: Error) => void } | undefined;
  // The parent gave up on this workbook (its download failed or went away): stop wherever it waits.
  const abandoned = new Error('the workbook was abandoned');
  let gone = false;

  port.on('message', (message: ToThread) => {
    if (message.type === 'written') unwritten.shift()?.();
    else if (message.type === 'close') mayClose?.resolve();
    else {
      arrived.push(message);
      wake?.();
    }
  });
  port.on('close', () => {
    gone = true;
    wake?.();
    mayClose?.reject(abandoned);
    for (const callback of unwritten.splice(0)) callback(abandoned);
  });

  async function* batchesOf(sheet: number): AsyncGenerator<WorkbookCells[]> {
    for (;;) {
      while (arrived.length === 0) {
        if (gone) throw abandoned;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = arrived.shift()!;
      if (message.sheet !== sheet) throw new Error('rows arrived for another worksheet');
      if (message.type === 'sheet-end') return;
      send({ type: 'taken' });
      yield message.rows;
    }
  }

  // While a chunk waits for the parent to take it, the next ones gather and go as one (writev):
  // fewer, larger messages and socket writes than exceljs's many small pieces.
  const out = new Writable({
    highWaterMark: 64 * 1024,
    writev(chunks, callback) {
      if (gone) return callback(abandoned);
      unwritten.push(callback);
      const bytes = new Uint8Array(Buffer.concat(chunks.map((c) => c.chunk as Buffer)));
      // Moved, not copied again (concat's result can be a view of Buffer's shared pool, hence the copy above).
      send({ type: 'bytes', bytes }, [bytes.buffer]);
    },
  });

  try {
    const counts = await writeWorkbookCells(
      out,
      columns,
      sheets.map((name, sheet) => ({ name, batches: batchesOf(sheet) })),
      (written) => {
        send({ type: 'rows-written', counts: written });
        return new Promise<void>((resolve, reject) => {
          mayClose = { resolve, reject };
          if (gone) reject(abandoned);
        });
      },
    );
    send({ type: 'end', counts });
  } catch (error) {
    if (!gone) send({ type: 'failed', code: describeError(error).code ?? 'UNKNOWN' });
  }
}
