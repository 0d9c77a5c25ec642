import type { Writable } from 'node:stream';
import { MessageChannel, Worker } from 'node:worker_threads';
import { cellsOf, type WorkbookColumn } from './workbook-cells.ts';
import type { FromThread, StartWorkbook, ToThread } from './workbook-messages.ts';

/** The thread's entry, which each build bundles as well (scripts/build.ts, bench/bundle-api.ts). */
export const WORKBOOK_THREAD_ENTRY = 'services/workbook-worker.ts';
/** Where it is: one folder below the root in the source and in each bundle (dist/api/server.js). */
const fromSource = import.meta.url.endsWith('.ts');
const THREAD_FILE = new URL(
  `../${WORKBOOK_THREAD_ENTRY.replace(/\.ts$/, fromSource ? '.ts' : '.js')}`,
  import.meta.url,
);
/** Batches the thread has not yet taken: enough to keep it busy, few enough to keep both sides flat in memory. */
const BATCHES_AHEAD = 2;
/**
 * The thread's heap. Its young generation is capped at 24 MB, not left to grow: measured on a
 * 100,000-row export, 12 MB spent the time in collections (ratio to the writer alone 1.44), 32 MB
 * took the API past 300 MB; 24 MB gave 1.15 to 1.20 at 277 to 285 MB. The old generation's cap
 * stops a runaway export as the thread's own out-of-memory error, which fails the downloads in
 * progress, not the API.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 256 };
/** An idle thread is stopped after this long, giving its memory back until the next export. */
const IDLE_MS = 5 * 60_000;

function startWorker(): Worker {
  if (!fromSource) return new Worker(THREAD_FILE, { resourceLimits: RESOURCE_LIMITS });
  // Run from the source (tsx, Vitest), the thread reads TypeScript: tsx's loader first, then the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD_FILE.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits: RESOURCE_LIMITS });
}

/**
 * One thread for every export of this process, started by the first and kept while exports come:
 * a new thread runs exceljs's code cold (measured: the first 100,000-row export on a thread took
 * 4.6 to 5.1 s, the next ones 3.4 to 4.1 s). Exports in progress at once interleave on it.
 */
type WorkbookThread = { worker: Worker; active: Set<(error: Error) => void>; idle?: NodeJS.Timeout };
let thread: WorkbookThread | undefined;

function workbookThread(): WorkbookThread {
  if (thread) {
    clearTimeout(thread.idle);
    return thread;
  }
  const worker = startWorker();
  // The API's exit never waits for it.
  worker.unref();
  const started: WorkbookThread = { worker, active: new Set() };
  const stopped = (error: Error) => {
    if (thread === started) thread = undefined;
    for (const fail of started.active) fail(error);
  };
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(new Error(`the workbook thread stopped (${code})`)));
  thread = started;
  return started;
}

function release(used: WorkbookThread, fail: (error: Error) => void) {
  used.active.delete(fail);
  if (used.active.size > 0 || thread !== used) return;
  used.idle = setTimeout(() => {
    if (thread === used && used.active.size === 0) {
      thread = undefined;
      void used.worker.terminate();
    }
  }, IDLE_MS).unref();
}

/**
 * writeWorkbook (services/list-workbook.ts) on the workbook thread: this thread reads the rows,
 * makes them cells and hands them over a few batches ahead; the thread writes the workbook and
 * sends its bytes back, each chunk acknowledged once `out` takes it, so a slow download holds the
 * writer back. Writing a workbook is most of an export's CPU (about 30 ms per 1,000 rows): on its
 * own thread it runs beside the reading, on the machine's other core, and leaves the API's event
 * loop free for everyone else's requests. Same contract as writeWorkbook: resolves with each
 * worksheet's rows, after `beforeClose` and once `out` has every byte; rejects when anything fails.
 */
export async function writeWorkbookOnThread<R>(
  out: Writable,
  columns: readonly WorkbookColumn<R>[],
  sheets: { name: string; batches: AsyncIterable<R[]> }[],
  beforeClose: (counts: number[]) => Promise<void> = async () => {},
): Promise<number[]> {
  let failed!: (error: Error) => void;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  failure.catch(() => undefined);
  let finished!: (counts: number[]) => void;
  const done = new Promise<number[]>((resolve) => {
    finished = resolve;
  });
  const used = workbookThread();
  used.active.add(failed);
  const { port1: port, port2 } = new MessageChannel();
  const send = (message: ToThread) => port.postMessage(message);
  const start: StartWorkbook = {
    columns: columns as StartWorkbook['columns'],
    sheets: sheets.map((s) => s.name),
    port: port2,
  };
  used.worker.postMessage(start, [port2]);

  let taken: (() => void) | undefined;
  let ahead = 0;
  port.on('message', (message: FromThread) => {
    switch (message.type) {
      case 'taken':
        ahead--;
        taken?.();
        break;
      case 'bytes':
        if (out.write(message.bytes)) send({ type: 'written' });
        else out.once('drain', () => send({ type: 'written' }));
        break;
      case 'rows-written':
        beforeClose(message.counts).then(
          () => send({ type: 'close' }),
          (error: unknown) => failed(error instanceof Error ? error : new Error(String(error))),
        );
        break;
      case 'end':
        out.end(() => finished(message.counts));
        break;
      case 'failed':
        failed(Object.assign(new Error('the workbook thread could not write the workbook'), { code: message.code }));
        break;
    }
  });
  // The download went away (the client closed it): nothing is left to write for.
  const gone = () => {
    if (!out.writableFinished) failed(new Error('the download was closed before the workbook was written'));
  };
  out.once('close', gone);

  const feed = async () => {
    for (const [sheet, { batches }] of sheets.entries()) {
      for await (const rows of batches) {
        while (ahead >= BATCHES_AHEAD) await new Promise<void>((resolve) => (taken = resolve));
        ahead++;
        send({ type: 'rows', sheet, rows: rows.map((row) => cellsOf(columns, row)) });
      }
      send({ type: 'sheet-end', sheet });
    }
  };
  try {
    await Promise.race([feed(), failure]);
    return await Promise.race([done, failure]);
  } finally {
    out.off('close', gone);
    // Closing the port tells the thread to drop this workbook if it is not finished.
    port.close();
    release(used, failed);
  }
}
