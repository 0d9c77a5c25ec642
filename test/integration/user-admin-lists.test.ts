import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import type { Permission } from '../../domain/permissions.ts';
import { hashPassword } from '../../services/passwords.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import type { ApiCaller } from '../helpers/http.ts';

/** User Admin's two lists (02 Locked Users, 04 Access Requests): keyset pages, in order, each row once, no cap. */
const suite = apiSuite();
const { as } = suite;

type Row = { id: string; firstName: string; surname: string };
let counter = 0;
let passwordHash: Promise<string> | undefined;

async function person(
  organisationId: string,
  name: { first: string; surname: string },
  permissions: Permission[] = ['referrer'],
) {
  passwordHash ??= hashPassword(PASSWORD);
  const username = `list${++counter}-${suite.world.tag}`;
  const id = await createUser(
    suite.sys.db,
    {
      username,
      email: `${username}@lists.test`,
      passwordHash: await passwordHash,
      firstName: name.first,
      surname: name.surname,
    },
    [{ organisationId, permissions }],
  );
  return { id, username };
}

/** Every page of a list, following nextCursor; stops (and fails) rather than loop for ever. */
async function pages(caller: ApiCaller, path: string, key: 'users' | 'requests', limit: number): Promise<Row[][]> {
  const all: Row[][] = [];
  let cursor: string | null = null;
  do {
    const res = await caller.get(`${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    all.push(res.body[key]);
    cursor = res.body.nextCursor;
  } while (cursor && all.length < 50);
  expect(cursor).toBeNull();
  return all;
}

const bySurnameFirstNameId = (a: { surname: string; first: string; id: string }, b: typeof a) =>
  a.surname.localeCompare(b.surname) || a.first.localeCompare(b.first) || (a.id < b.id ? -1 : 1);

describe('Locked Users', () => {
  it('pages through an organisation’s locked accounts by surname, first name and id, each once', async () => {
    const { sys, world } = suite;
    // Same surnames and a same full name, so the order needs every part of the key.
    const names = [
      { first: 'Zed', surname: `Baker${world.tag}` },
      { first: 'Amy', surname: `Baker${world.tag}` },
      { first: 'Amy', surname: `Baker${world.tag}` },
      { first: 'Kim', surname: `Able${world.tag}` },
      { first: 'Lee', surname: `Cole${world.tag}` },
      { first: 'Max', surname: `Baker${world.tag}` },
      { first: 'Ned', surname: `Able${world.tag}` },
    ];
    const locked = [];
    for (const name of names) locked.push({ ...(await person(world.client.id, name)), ...name });
    const unlocked = await person(world.client.id, { first: 'Una', surname: `Able${world.tag}` });
    const elsewhere = await person(world.other.id, { first: 'Eve', surname: `Able${world.tag}` });
    await sys
      .db('users')
      .whereIn('id', [...locked.map((u) => u.id), elsewhere.id])
      .update({ lockedAt: new Date(), failedLoginCount: 3 });

    const expected = [...locked].sort(bySurnameFirstNameId).map((u) => u.id);
    const admin = await as(world.top);
    const seen = await pages(admin, '/api/users/locked', 'users', 3);
    expect(seen.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(seen.flat().map((u) => u.id)).toEqual(expected);
    expect(seen.flat().map((u) => u.id)).not.toContain(unlocked.id);

    // The provider's admin looks after every organisation's accounts: this one's and the other's, in the same order.
    const providerAdmin = await person(world.provider.id, { first: 'Pat', surname: 'Admin' }, ['provider_admin']);
    const everyone = (await pages(await as(providerAdmin), '/api/users/locked', 'users', 2)).flat().map((u) => u.id);
    expect(new Set(everyone).size).toBe(everyone.length);
    const ours = [...locked, { ...elsewhere, first: 'Eve', surname: `Able${world.tag}` }]
      .sort(bySurnameFirstNameId)
      .map((u) => u.id);
    expect(ours[0]).toBe(elsewhere.id);
    expect(everyone.filter((id) => ours.includes(id))).toEqual(ours);
  });

  it('refuses a cursor that is not one of its own with a message, rather than failing in SQL', async () => {
    const admin = await as(suite.world.top);
    const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    // A bad uuid or a NUL would fail in SQL (a 500) if used; a key of the wrong shape or no JSON at all means nothing.
    const forged = [
      encode(['Able', 'Kim', 'not-a-uuid']),
      encode(['Able\u0000', 'Kim', randomUUID()]),
      encode(['Able', randomUUID()]),
      'nonsense',
    ];
    for (const cursor of forged) {
      const res = await admin.get(`/api/users/locked?limit=2&cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'That page link is out of date or damaged. Go back to the first page of the list.',
      );
    }
  });
});

describe('Access Requests', () => {
  it('pages through the organisation’s pending requests, oldest first, each once', async () => {
    const { sys, world } = suite;
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));
    // Two requests in the same instant: the id decides between them.
    const minutes = [5, 1, 3, 3, 2];
    const requests = [];
    for (const [i, minute] of minutes.entries()) {
      const user = await person(world.other.id, { first: `Req${i}`, surname: `Asker${world.tag}` });
      const [row] = await sys
        .db('memberships')
        .insert({
          userId: user.id,
          organisationId: world.client.id,
          permissions: ['referrer'],
          status: 'pending',
          createdAt: at(minute),
        })
        .returning('id');
      requests.push({ id: row.id as string, minute });
    }
    const approved = await person(world.other.id, { first: 'Old', surname: `Member${world.tag}` });
    await sys.db('memberships').insert({
      userId: approved.id,
      organisationId: world.client.id,
      permissions: ['referrer'],
      status: 'active',
      createdAt: at(0),
    });
    const toOther = await person(world.client.id, { first: 'Own', surname: `Asker${world.tag}` });
    await sys.db('memberships').insert({
      userId: toOther.id,
      organisationId: world.other.id,
      permissions: ['referrer'],
      status: 'pending',
      createdAt: at(0),
    });

    const expected = [...requests].sort((a, b) => a.minute - b.minute || (a.id < b.id ? -1 : 1)).map((r) => r.id);
    const seen = await pages(await as(world.top), '/api/users/membership-requests', 'requests', 2);
    expect(seen.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(seen.flat().map((r) => r.id)).toEqual(expected);
  });

  it('keeps rows apart that differ by microseconds only, which a millisecond cursor would skip', async () => {
    const { sys, world } = suite;
    const asker = await person(world.other.id, { first: 'Micro', surname: `Asker${world.tag}` });
    const second = await person(world.other.id, { first: 'Micro', surname: `Second${world.tag}` });
    const admin = await as(world.top);
    const before = (await pages(admin, '/api/users/membership-requests', 'requests', 100)).flat().length;
    // Far in the future, so they come last; 1 microsecond apart within the same millisecond.
    await sys.db.raw(
      `insert into memberships (user_id, organisation_id, permissions, status, created_at)
       values (?, ?, '{referrer}', 'pending', '2099-01-01 00:00:00.000001+00'), (?, ?, '{referrer}', 'pending', '2099-01-01 00:00:00.000002+00')`,
      [asker.id, world.client.id, second.id, world.client.id],
    );
    const all = (await pages(admin, '/api/users/membership-requests', 'requests', 1)).flat();
    expect(all).toHaveLength(before + 2);
    expect(all.slice(-2).map((r) => r.surname)).toEqual([`Asker${world.tag}`, `Second${world.tag}`]);
  });
});
