import knex from 'knex';
import { inject } from 'vitest';

/**
 * An empty database of its own on the test run's PostgreSQL server, for a test that must not share
 * the run's database (migrations from nothing, a TRUNCATE, another process's set-up). `drop` ends
 * its connections and removes it.
 */
export async function createScratchDatabase(suffix: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const url = new URL(inject('databaseUrl'));
  const name = `${url.pathname.slice(1)}_${suffix}`;
  const admin = knex({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.raw(`create database ${name}`);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    drop: async () => {
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
    },
  };
}
