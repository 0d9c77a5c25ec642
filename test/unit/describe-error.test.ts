import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { ApplicationFailure } from '@temporalio/common';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { describeError, SetupError, summarizeError } from '../../services/describe-error.ts';
import { createLogger, logCrashes } from '../../services/logger.ts';
import { temporalLogger } from '../../worker/runtime-logger.ts';
import { safeFailure } from '../../worker/safe-activity-failures.ts';

/**
 * A driver error carries the statement's values (knex copies SQL and bindings into its message, and
 * PostgreSQL's message, detail and where quote the row). Nothing describeError returns may hold them.
 */
const marker = () => `marker-${randomUUID()}`;

function captured() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) }, text: () => lines.join('') };
}

async function failure(run: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('the statement was expected to fail');
}

/** The same three failures on a given database; each raw error holds the marker, as the defect says. */
async function driverErrors(db: Knex, m: string) {
  await db.raw(`create temporary table if not exists notes
    (id int primary key, body text not null constraint body_short check (length(body) < 20))`);
  const check = await failure(() => db('notes').insert({ id: 1, body: `${m} and a long health note` }));
  const cast = await failure(() => db.raw('select ?::int as n', [m]));
  const raised = await failure(() => db.raw(`do $$ begin raise exception 'refused %', '${m}'; end $$`));
  for (const error of [check, cast, raised]) {
    expect(`${error.message} ${String(error.detail)} ${String(error.where)} ${error.stack}`).toContain(m);
  }
  return { check, cast, raised };
}

function expectNoMarker(error: unknown, m: string) {
  const description = describeError(error);
  expect(JSON.stringify(description)).not.toContain(m);
  expect(summarizeError(description)).not.toContain(m);
  const log = captured();
  const logger = createLogger({ destination: log.destination });
  logger.error({ err: error }, 'failed');
  logger.error({ err: error });
  if (error instanceof Error) logger.error(error);
  expect(log.lines.length).toBeGreaterThanOrEqual(2);
  expect(log.text()).not.toContain(m);
  return description;
}

describe('describeError of a database error', () => {
  let pg: Knex;
  beforeAll(() => {
    pg = knexFactory({ client: 'pg', connection: inject('databaseUrl'), pool: { min: 0, max: 1 } });
  });
  afterAll(() => pg.destroy());

  it('keeps SQLSTATE, constraint, table and column, never the values (PostgreSQL via knex)', async () => {
    const m = marker();
    const { check, cast, raised } = await driverErrors(pg, m);
    expect(expectNoMarker(check, m)).toMatchObject({
      name: 'DatabaseError',
      database: true,
      code: '23514',
      constraint: 'body_short',
      table: 'notes',
    });
    expect(expectNoMarker(cast, m)).toMatchObject({ code: '22P02' });
    expect(expectNoMarker(raised, m)).toMatchObject({ code: 'P0001', routine: 'exec_stmt_raise' });
    const summary = summarizeError(describeError(check));
    expect(summary).toMatch(/^Database error 23514 on table notes \(constraint body_short, routine \w+\)$/);
  });

  // PGlite compiles its WebAssembly first: slow on a busy machine.
  it('does the same for the embedded database (PGlite via knex-pglite)', { timeout: 120_000 }, async () => {
    const client = ClientPgLite as unknown as typeof Knex.Client;
    const db = knexFactory({ client, dialect: 'postgres', connection: { pglite: new PGlite() } } as Knex.Config);
    try {
      const m = marker();
      const { check, raised } = await driverErrors(db, m);
      expect(expectNoMarker(check, m)).toMatchObject({ database: true, code: '23514', constraint: 'body_short' });
      expect(expectNoMarker(raised, m)).toMatchObject({ code: 'P0001' });
    } finally {
      await db.destroy();
    }
  });

  it('reads a wrapped driver error (objection) through its nativeError', async () => {
    const m = marker();
    const { check } = await driverErrors(pg, m);
    const wrapped = Object.assign(new Error(check.message), { name: 'CheckViolationError', nativeError: check });
    expect(expectNoMarker(wrapped, m)).toMatchObject({ name: 'CheckViolationError', code: '23514' });
  });

  it('leaves no value in an activity failure, which keeps retrying', async () => {
    const m = marker();
    const { check } = await driverErrors(pg, m);
    const safe = safeFailure(check) as ApplicationFailure;
    expect(safe).toBeInstanceOf(ApplicationFailure);
    expect(`${safe.message} ${safe.stack} ${safe.type}`).not.toContain(m);
    expect(safe.message).toMatch(/^Database error 23514 on table notes \(constraint body_short/);
    expect(safe.type).toBe('23514');
    expect(safe.nonRetryable).toBe(false);
    expect(safe.cause).toBeUndefined();
    expect(safe.stack).toMatch(/\n {4}at /);
  });
});

describe('describeError of other errors', () => {
  it('gives an AppError its code, not its message', () => {
    const m = marker();
    const error = new AppError('NOT_FOUND', `${m} was not found.`);
    expect(expectNoMarker(error, m)).toMatchObject({ name: 'AppError', code: 'NOT_FOUND' });
  });

  it('keeps engine messages that name code, drops those that can quote a value', () => {
    const m = marker();
    const missing = (() => {
      try {
        (undefined as unknown as { surname: string }).surname.trim();
      } catch (error) {
        return error;
      }
    })();
    expect(describeError(missing).message).toBe("Cannot read properties of undefined (reading 'surname')");
    const onString = (() => {
      try {
        (m as unknown as Record<string, number>).x = 1;
      } catch (error) {
        return error;
      }
    })();
    expect(onString).toBeInstanceOf(TypeError);
    expectNoMarker(onString, m);
    const received = new TypeError(`The "path" argument must be of type string. Received '${m}'`);
    expectNoMarker(Object.assign(received, { code: 'ERR_INVALID_ARG_TYPE' }), m);
    const parse = (() => {
      try {
        JSON.parse(`{"reason": ${m}}`);
      } catch (error) {
        return error;
      }
    })();
    expect(expectNoMarker(parse, m)).toMatchObject({ name: 'SyntaxError' });
  });

  it('keeps only stack frames, even when a message spans lines shaped like frames', () => {
    const m = marker();
    const error = new Error(`first line\n    at ${m} (/srv/${m}.js:1:1)`);
    const description = expectNoMarker(error, m);
    expect(description.stack?.length).toBeGreaterThan(0);
    expect(description.stack?.every((frame) => frame.startsWith('at '))).toBe(true);
  });

  it('follows causes and keeps a SetupError, written for the operator, whole', () => {
    const m = marker();
    const setup = new SetupError('The Temporal CLI is missing: run `npm run temporal:install`.');
    const outer = new Error(`wrapping ${m}`, { cause: new Error(m, { cause: setup }) });
    const description = expectNoMarker(outer, m);
    expect(description.cause?.cause).toMatchObject({ name: 'SetupError', message: setup.message });
  });

  it('describes a thrown non-error by its type only', () => {
    const m = marker();
    expect(expectNoMarker(m, m)).toEqual({ name: 'string' });
  });

  it('lets an ApplicationFailure of ours through, and makes a cause attached to it safe', () => {
    const m = marker();
    const ours = ApplicationFailure.nonRetryable('The referral has no employee email address', 'NoEmployeeEmail');
    expect(safeFailure(ours)).toBe(ours);
    const withCause = ApplicationFailure.create({
      message: 'Sending failed',
      type: 'Mail',
      nonRetryable: true,
      cause: new Error(m),
    });
    const safe = safeFailure(withCause) as ApplicationFailure;
    expect(safe).toMatchObject({ message: 'Sending failed', type: 'Mail', nonRetryable: true });
    expect(`${safe.cause?.message} ${safe.cause?.stack}`).not.toContain(m);
  });
});

describe('the Temporal runtime logger', () => {
  it('writes ids and a described error, never arguments, task tokens or raw errors', () => {
    const m = marker();
    const log = captured();
    const logger = temporalLogger(createLogger({ destination: log.destination }));
    const ids = { workflowId: 'referral-1', attempt: 2, durationMs: 5 };
    logger.warn('Activity failed', { error: new Error(m), args: [m], taskToken: m, ...ids });
    logger.info('Activity completed', { durationMs: 1 });
    expect(log.lines).toHaveLength(1);
    const line = JSON.parse(log.lines[0]!);
    expect(line).toMatchObject({ level: 'warn', msg: 'Activity failed', ...ids, err: { name: 'Error' } });
    expect(log.text()).not.toContain(m);
  });
});

describe('logCrashes', () => {
  it('logs an uncaught error described, then exits with 1', () => {
    const m = marker();
    const log = captured();
    const codes: number[] = [];
    const proc = new EventEmitter();
    const exit = (code: number) => void codes.push(code);
    logCrashes(createLogger({ destination: log.destination }), exit, proc as unknown as NodeJS.Process);
    proc.emit('unhandledRejection', new Error(`insert ... values ('${m}')`));
    proc.emit('uncaughtException', new TypeError(`Cannot create property 'x' on string '${m}'`));
    expect(codes).toEqual([1, 1]);
    expect(log.lines.map((l) => JSON.parse(l).msg)).toEqual(['unhandled rejection', 'uncaught exception']);
    expect(log.text()).not.toContain(m);
  });
});
