import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../db/connection.ts';
import { migrateLatest } from '../../db/migrate-latest.ts';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import { createScratchDatabase } from '../helpers/scratch-database.ts';

/**
 * hierarchy_closure, which the visibility rule reads for "everyone below a manager", is kept by triggers
 * on memberships: whatever changes the hierarchy, and however many change it at once, it must hold what
 * walking memberships.manager_id gives. (visibility-rule.test.ts proves the same through the API.)
 */
let db: Knex;
const tag = randomBytes(4).toString('hex');
let orgId: string;
const ids: Record<string, string> = {};

/** Every (manager, person below) pair of the organisation, by walking manager_id. */
async function walked(org: string): Promise<string[]> {
  const { rows } = await db.raw(
    `with recursive below (ancestor_id, descendant_id) as (
       select manager_id, user_id from memberships where organisation_id = ? and manager_id is not null
       union
       select b.ancestor_id, m.user_id from below b join memberships m on m.organisation_id = ? and m.manager_id = b.descendant_id)
     select ancestor_id as a, descendant_id as d from below`,
    [org, org],
  );
  return rows.map((r: { a: string; d: string }) => `${r.a}>${r.d}`).sort();
}

async function closure(org: string): Promise<string[]> {
  const rows = await db('hierarchy_closure').where({ organisationId: org }).select('ancestorId', 'descendantId');
  return rows.map((r) => `${r.ancestorId}>${r.descendantId}`).sort();
}

const below = async (name: string) =>
  (await db('hierarchy_closure').where({ organisationId: orgId, ancestorId: ids[name] }).select('descendantId'))
    .map((r) => Object.keys(ids).find((n) => ids[n] === r.descendantId))
    .sort();

async function member(name: string, manager?: string) {
  ids[name] = await createUser(
    db,
    {
      username: `${name}-${tag}`,
      email: `${name}-${tag}@closure.test`,
      passwordHash: 'not-used',
      title: 'Ms',
      firstName: name,
      surname: `Closure${tag}`,
    },
    [{ organisationId: orgId, managerId: manager ? ids[manager]! : null, permissions: ['referrer'], locationId: null }],
  );
}

const moveUnder = (trx: Knex, name: string, manager: string | null) =>
  trx('memberships')
    .where({ userId: ids[name], organisationId: orgId })
    .update({ managerId: manager ? ids[manager] : null });

beforeAll(async () => {
  db = createDb({ databaseUrl: inject('databaseUrl'), dataDir: os.tmpdir(), poolMax: 3 });
  orgId = (
    await createOrganisation(db, {
      code: `CL${tag}`.toUpperCase(),
      name: `Closure ${tag}`,
      verificationCode: `VC${tag}`,
      caseNumberPrefix: `CL/${tag}`,
      emailDomains: [],
    })
  ).id;
  // top > a > (a1 > a1x, a2); top > b > b1
  await member('top');
  await member('a', 'top');
  await member('b', 'top');
  await member('a1', 'a');
  await member('a2', 'a');
  await member('a1x', 'a1');
  await member('b1', 'b');
});
afterAll(() => db?.destroy());

describe('the hierarchy closure', () => {
  it('holds everyone below each manager as members join', async () => {
    expect(await below('top')).toEqual(['a', 'a1', 'a1x', 'a2', 'b', 'b1']);
    expect(await below('a')).toEqual(['a1', 'a1x', 'a2']);
    expect(await below('a1x')).toEqual([]);
    expect(await closure(orgId)).toEqual(await walked(orgId));
  });

  it('follows a subtree moved to another manager, and one moved to the top', async () => {
    await moveUnder(db, 'a1', 'b');
    expect(await below('a')).toEqual(['a2']);
    expect(await below('b')).toEqual(['a1', 'a1x', 'b1']);
    await moveUnder(db, 'b', null);
    expect(await below('top')).toEqual(['a', 'a2']);
    expect(await closure(orgId)).toEqual(await walked(orgId));
    // Changes that are not moves leave it as it was.
    await db('memberships')
      .where({ organisationId: orgId })
      .update({ permissions: ['referrer', 'mi_viewer'] });
    expect(await closure(orgId)).toEqual(await walked(orgId));
  });

  it('ends where a loop of managers would go round for ever', async () => {
    await moveUnder(db, 'b', 'b1');
    expect(await below('b')).toEqual(['a1', 'a1x', 'b', 'b1']);
    expect(await closure(orgId)).toEqual(await walked(orgId));
    await moveUnder(db, 'b', null);
  });

  it('forgets a member who leaves the organisation', async () => {
    await db('memberships').where({ userId: ids.a2, organisationId: orgId }).delete();
    expect(await below('a')).toEqual([]);
    expect(await closure(orgId)).toEqual(await walked(orgId));
  });

  it('stays whole when two moves in the same organisation commit at the same time', async () => {
    const first = await db.transaction();
    const second = await db.transaction();
    try {
      await moveUnder(first, 'a1', 'a');
      // The second waits for the first's rebuild to commit, then rebuilds from both moves.
      // (then() sends it now: a knex query waits to be awaited.)
      const secondMove = moveUnder(second, 'b', 'top').then((count) => count);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await first.commit();
      await secondMove;
      await second.commit();
    } finally {
      if (!first.isCompleted()) await first.rollback();
      if (!second.isCompleted()) await second.rollback();
    }
    expect(await below('top')).toEqual(['a', 'a1', 'a1x', 'b', 'b1']);
    expect(await closure(orgId)).toEqual(await walked(orgId));
  });

  it('goes with its organisation', async () => {
    await db('organisations').where({ id: orgId }).delete();
    expect(await closure(orgId)).toEqual([]);
  });
});

describe('the hierarchy closure, when memberships are emptied at once', () => {
  // TRUNCATE takes every table it reaches for the whole transaction: on a database of its own, so the
  // other tests' tables are never locked.
  let scratch: Knex;
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    database = await createScratchDatabase('closure_truncate');
    scratch = createDb({ databaseUrl: database.databaseUrl, dataDir: os.tmpdir(), poolMax: 1 });
    await migrateLatest(scratch);
  });
  afterAll(async () => {
    await scratch?.destroy();
    await database?.drop();
  });

  async function pairOfTwo(): Promise<void> {
    const org = await createOrganisation(scratch, {
      code: `TR${randomBytes(3).toString('hex')}`.toUpperCase(),
      name: 'Truncated',
      verificationCode: `VC${randomBytes(4).toString('hex')}`,
      caseNumberPrefix: 'TR',
      emailDomains: [],
    });
    const person = (n: string, managerId: string | null) =>
      createUser(
        scratch,
        {
          username: `${n}-${randomBytes(4).toString('hex')}`,
          email: `${n}-${randomBytes(4).toString('hex')}@closure.test`,
          passwordHash: 'not-used',
          title: 'Mr',
          firstName: n,
          surname: 'Truncated',
        },
        [{ organisationId: org.id, managerId, permissions: ['referrer'], locationId: null }],
      );
    await person('report', await person('boss', null));
    expect(await scratch('hierarchy_closure').count({ n: '*' })).toEqual([{ n: '1' }]);
  }

  it('is emptied with memberships alone, and with everything they hang from (CASCADE)', async () => {
    await pairOfTwo();
    await scratch.raw('truncate memberships');
    expect(await scratch('hierarchy_closure').count({ n: '*' })).toEqual([{ n: '0' }]);

    // The statement reaches the closure itself (it references organisations): it failed while the
    // trigger emptied the closure with a TRUNCATE of its own.
    await pairOfTwo();
    await scratch.raw('truncate organisations, users cascade');
    expect(await scratch('hierarchy_closure').count({ n: '*' })).toEqual([{ n: '0' }]);
    await pairOfTwo();
  });
});
