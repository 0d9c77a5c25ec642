import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { knexSnakeCaseMappers } from 'objection';

export type DbOptions = {
  /** A PostgreSQL connection string; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (ignored with databaseUrl). */
  dataDir: string;
  poolMax?: number;
};

/**
 * One knex instance for the process. snake_case columns are mapped to camelCase
 * here, once, for both knex and objection.
 */
export function createDb(options: DbOptions): Knex {
  const common = { ...knexSnakeCaseMappers() } satisfies Partial<Knex.Config>;
  if (options.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
      ...common,
    });
  }
  const filename = path.join(options.dataDir, 'pglite');
  fs.mkdirSync(filename, { recursive: true });
  // PGlite allows one connection only, so it runs inside this process; the
  // launcher therefore runs the API and the worker together when it is used.
  return knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    connection: { filename },
    ...common,
  } as Knex.Config);
}

export const isEmbedded = (db: Knex) => db.client.config.client !== 'pg';
