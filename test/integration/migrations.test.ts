import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type knex from 'knex';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../db/connection.ts';
import { migrateLatest, rollbackAll } from '../../db/migrate-latest.ts';
import { migrationSource } from '../../db/migrations/index.ts';
import { createScratchDatabase } from '../helpers/scratch-database.ts';

const ALL = (await migrationSource.getMigrations([])).length;
const TABLES = [
  'organisations',
  'users',
  'memberships',
  'sessions',
  'shares',
  'referrals',
  'case_events',
  'audit_log',
  'form_types',
];

async function tables(db: knex.Knex): Promise<string[]> {
  const rows = await db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
  return rows.filter((t: string) => !t.startsWith('knex_'));
}

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('go up, down and up again on PostgreSQL', async () => {
    const database = await createScratchDatabase('migrations');
    const db = createDb({ databaseUrl: database.databaseUrl, dataDir: os.tmpdir(), poolMax: 1 });
    cleanups.push(async () => {
      await db.destroy();
      await database.drop();
    });

    expect(await migrateLatest(db)).toHaveLength(ALL);
    expect(await tables(db)).toEqual(expect.arrayContaining(TABLES));
    expect(await db('form_types').pluck('key')).toEqual(expect.arrayContaining(['management-referral', 'ihr1']));
    await rollbackAll(db);
    expect(await tables(db)).toEqual([]);
    expect(await migrateLatest(db)).toHaveLength(ALL);
    // Running again changes nothing and keeps the reference data single.
    expect(await migrateLatest(db)).toEqual([]);
    expect(await db('form_types').count({ n: '*' })).toEqual([{ n: '2' }]);
  });

  it('run unchanged on the embedded database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-pglite-'));
    const db = createDb({ databaseUrl: undefined, dataDir: dir });
    cleanups.push(async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    expect(await migrateLatest(db)).toHaveLength(ALL);
    expect(await tables(db)).toEqual(expect.arrayContaining(TABLES));

    // The list's sort columns are kept by plpgsql triggers: they run here too.
    const [org] = await db('organisations')
      .insert({ code: 'PG', name: 'Acme', verificationCode: 'pg-code', caseNumberPrefix: 'PG' })
      .returning('id');
    const [user] = await db('users')
      .insert({ username: 'u', email: 'u@pg.test', passwordHash: 'x', firstName: 'Ann', surname: 'Able' })
      .returning('id');
    const [division] = await db('divisions').insert({ organisationId: org.id, name: 'Ops' }).returning('id');
    const formTypeId = (await db('form_types').first('id')).id;
    const ids = { organisationId: org.id, formTypeId, authorId: user.id, ownerId: user.id, divisionId: division.id };
    const [referral] = await db('referrals')
      .insert({ id: randomUUID(), status: 'draft', ...ids })
      .returning('id');
    const sorts = () =>
      db('referrals').where({ id: referral.id }).first('divisionSort', 'ownerSort', 'organisationSort');
    expect(await sorts()).toEqual({ divisionSort: 'ops', ownerSort: 'able ann', organisationSort: 'acme' });
    await db('divisions').where({ id: division.id }).update({ name: 'Field' });
    await db('users').where({ id: user.id }).update({ surname: 'Baker' });
    expect(await sorts()).toEqual({ divisionSort: 'field', ownerSort: 'baker ann', organisationSort: 'acme' });
  });

  it('keep the audit log append-only', async () => {
    const db = createDb({ databaseUrl: inject('databaseUrl'), dataDir: os.tmpdir(), poolMax: 1 });
    cleanups.push(() => db.destroy());
    await db('audit_log').insert({ action: 'test.append_only' });
    await expect(db('audit_log').where({ action: 'test.append_only' }).update({ action: 'rewritten' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db('audit_log').where({ action: 'test.append_only' }).delete()).rejects.toThrow(/append-only/);
  });
});
