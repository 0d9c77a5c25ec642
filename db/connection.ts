import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { knexSnakeCaseMappers } from 'objection';
import pg from 'pg';
import { sessionChangesFeed } from './session-changes.ts';

// A DATE column is a calendar date: read it as 'YYYY-MM-DD', not as midnight in
// the server's time zone (which moves the day for users elsewhere).
const keepDate = (value: string) => value;
const pgTypes = {
  getTypeParser: (oid: number, format?: string) =>
    oid === pg.types.builtins.DATE ? keepDate : pg.types.getTypeParser(oid, format as 'text' | undefined),
};

export type DbOptions = {
  /** A PostgreSQL connection string; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (ignored with databaseUrl). */
  dataDir: string;
  poolMax?: number;
};

/** A new connection to PostgreSQL, TCP and start-up. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A query's wait for a free connection in the pool. */
const ACQUIRE_TIMEOUT_MS = 10_000;

/**
 * One knex instance for the process. snake_case columns are mapped to camelCase
 * here, once, for both knex and objection.
 */
export function createDb(options: DbOptions): Knex {
  const common = { ...knexSnakeCaseMappers(), log: knexLog } satisfies Partial<Knex.Config>;
  if (options.databaseUrl) {
    const sessionChanges = sessionChangesFeed();
    const db = knexFactory({
      client: 'pg',
      // Bounded waits, so a PostgreSQL that is down or out of connections is an error (a 503) in seconds,
      // not a request hanging for the OS's TCP timeout or knex's default minute.
      connection: {
        connectionString: options.databaseUrl,
        types: pgTypes,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      },
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      pool: { min: 0, max: options.poolMax ?? 10, afterCreate: sessionChanges.afterCreate },
      ...common,
    });
    sessionChanges.attach(db);
    return db;
  }
  const filename = path.join(options.dataDir, 'pglite');
  fs.mkdirSync(filename, { recursive: true });
  // PGlite allows one connection only, so it runs inside this process; the
  // launcher therefore runs the API and the worker together when it is used.
  return knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: { pglite: new PGlite(filename, { parsers: { [pgliteTypes.DATE]: keepDate } }) },
    ...common,
  } as Knex.Config);
}

/**
 * knex prints a failed connection attempt whole (the server's message, which can name the database or
 * user, and a stack) before rejecting the query with the same error, which its caller describes by code.
 */
const knexLog: Knex.Logger = {
  warn: (message: string) => {
    if (!String(message).startsWith('Acquire connection error')) console.warn(message);
  },
};
