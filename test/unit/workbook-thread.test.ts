import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { WorkbookColumn } from '../../services/workbook-cells.ts';
import { londonWallClock } from '../../services/london-time.ts';
import { writeWorkbookOnThread } from '../../services/workbook-thread.ts';

/**
 * Track Referrals' and Track Questionnaires' exports write their workbook on a worker thread
 * (services/workbook-thread.ts): the same file as writing it here, bounded memory whatever the
 * download's speed, and every failure a rejection that leaves the thread ready for the next export.
 */
type Row = { name: string; at: Date | null; day: string | null };
const COLUMNS: WorkbookColumn<Row>[] = [
  { header: 'Name', key: 'name', width: 20 },
  { header: 'At', key: 'at', width: 17, date: 'instant' },
  { header: 'Day', key: 'day', width: 12, date: 'day' },
];

const rowsOf = (sheet: string, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `${sheet} ${i}`,
    // 08:30 UTC in June is 09:30 in London; in December it is 08:30.
    at: new Date(i % 2 ? '2026-06-01T08:30:00Z' : '2026-12-01T08:30:00Z'),
    day: i % 3 ? '2026-06-01' : null,
  }));

async function* batches<R>(rows: R[], size = 100): AsyncGenerator<R[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** Collects what is written to `out` into one buffer. */
function collect(out: PassThrough): Promise<Buffer> {
  const parts: Buffer[] = [];
  out.on('data', (part: Buffer) => parts.push(part));
  return new Promise((resolve, reject) => {
    out.on('end', () => resolve(Buffer.concat(parts)));
    out.on('error', reject);
  });
}

async function readBook(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('writeWorkbookOnThread', () => {
  it('writes every row of every worksheet, dates as London wall-clock time, and reports the counts before closing', async () => {
    const out = new PassThrough();
    const bytes = collect(out);
    const order: string[] = [];
    const counts = await writeWorkbookOnThread(
      out,
      COLUMNS,
      [
        { name: 'Open Cases', batches: batches(rowsOf('open', 250)) },
        { name: 'Closed Cases', batches: batches(rowsOf('closed', 3)) },
      ],
      async (written) => {
        order.push(`before close ${written.join(',')}`);
      },
    );
    order.push('resolved');
    expect(counts).toEqual([250, 3]);
    expect(order).toEqual(['before close 250,3', 'resolved']);

    const book = await readBook(await bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Open Cases', 'Closed Cases']);
    const open = book.getWorksheet('Open Cases')!;
    expect(open.rowCount).toBe(251);
    expect(open.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(open.getRow(1).values).toEqual([undefined, 'Name', 'At', 'Day']);
    expect(open.getRow(2).getCell(1).value).toBe('open 0');
    expect((open.getRow(2).getCell(2).value as Date).toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect((open.getRow(3).getCell(2).value as Date).toISOString()).toBe('2026-06-01T09:30:00.000Z');
    expect(open.getRow(2).getCell(3).value).toBeNull();
    expect((open.getRow(3).getCell(3).value as Date).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(open.getRow(3).getCell(2).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(book.getWorksheet('Closed Cases')!.getRow(4).getCell(1).value).toBe('closed 2');
  });

  it('writes exports that run at once, each its own rows', async () => {
    const both = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const out = new PassThrough();
        const bytes = collect(out);
        await writeWorkbookOnThread(out, COLUMNS, [{ name, batches: batches(rowsOf(name, 400), 50) }]);
        return readBook(await bytes);
      }),
    );
    for (const [i, name] of ['a', 'b'].entries()) {
      const sheet = both[i]!.getWorksheet(name)!;
      expect(sheet.rowCount).toBe(401);
      expect(sheet.getRow(401).getCell(1).value).toBe(`${name} 399`);
    }
  });

  it('stops reading rows once the download goes away, and says so', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Row[]> {
      for (;;) {
        pulled++;
        yield Array.from({ length: 500 }, () => ({ name: randomBytes(24).toString('hex'), at: new Date(), day: null }));
      }
    }
    const out = new PassThrough();
    out.resume();
    const written = writeWorkbookOnThread(out, COLUMNS, [{ name: 'x', batches: endless() }]);
    written.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pulled).toBeGreaterThan(0);
    // The client closes the download.
    out.destroy();
    await expect(written).rejects.toThrow(/closed before the workbook was written/);
    const stopped = pulled;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pulled).toBe(stopped);
  });

  it('fails when reading the rows fails, and the next export still works', async () => {
    async function* failing(): AsyncGenerator<Row[]> {
      yield rowsOf('x', 10);
      throw new Error('the database went away');
    }
    const out = new PassThrough();
    out.resume();
    await expect(writeWorkbookOnThread(out, COLUMNS, [{ name: 'x', batches: failing() }])).rejects.toThrow(
      'the database went away',
    );

    const next = new PassThrough();
    const bytes = collect(next);
    expect(await writeWorkbookOnThread(next, COLUMNS, [{ name: 'y', batches: batches(rowsOf('y', 5)) }])).toEqual([5]);
    expect((await readBook(await bytes)).getWorksheet('y')!.rowCount).toBe(6);
  });

  it('does not finish the file when the step before closing fails (the audit entry, in the export)', async () => {
    const out = new PassThrough();
    let ended = false;
    out.on('end', () => (ended = true));
    out.resume();
    await expect(
      writeWorkbookOnThread(out, COLUMNS, [{ name: 'x', batches: batches(rowsOf('x', 10)) }], async () => {
        throw new Error('audit refused');
      }),
    ).rejects.toThrow('audit refused');
    expect(ended).toBe(false);
  });
});

describe('londonWallClock', () => {
  it("gives London's time either side of both clock changes", () => {
    const at = (iso: string) => londonWallClock(new Date(iso)).toISOString();
    // 29 March 2026: clocks go forward at 01:00 UTC.
    expect(at('2026-03-29T00:59:59.000Z')).toBe('2026-03-29T00:59:59.000Z');
    expect(at('2026-03-29T01:00:00.000Z')).toBe('2026-03-29T02:00:00.000Z');
    // 25 October 2026: back at 01:00 UTC.
    expect(at('2026-10-25T00:59:59.500Z')).toBe('2026-10-25T01:59:59.500Z');
    expect(at('2026-10-25T01:00:00.000Z')).toBe('2026-10-25T01:00:00.000Z');
    expect(at('1999-07-01T23:15:00.000Z')).toBe('1999-07-02T00:15:00.000Z');
  });
});
