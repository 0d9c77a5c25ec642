import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSuite } from '../helpers/api-suite.ts';
import { allPages } from '../helpers/pages.ts';

const suite = apiSuite();
const { as } = suite;
const inserted: string[] = [];

afterAll(async () => {
  await suite.sys?.db('referrals').whereIn('id', inserted).delete();
});

type Queued = { id: string; submittedAt: string | null };

/**
 * Submitted referrals written straight into the read model the queues list (no
 * workflow needed to list them). Dated far ahead, so they come after every real
 * referral of the run; each pair shares a timestamp (the id breaks the tie) and
 * pairs differ by one microsecond, finer than a JS Date can hold.
 */
async function queued(
  count: number,
  row: { status: string; authorId: string; ownerId: string; submittedAt?: null },
): Promise<Queued[]> {
  const { db } = suite.sys;
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  const base = 2100 + Math.floor(Math.random() * 800);
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    organisationId: suite.world.client.id,
    formTypeId: form.id,
    employeeFirstName: 'Queued',
    employeeSurname: `Number${i}`,
    submittedAt: `${base}-01-01 00:00:00.${String(Math.floor(i / 2)).padStart(6, '0')}+00`,
    ...row,
  }));
  for (let i = 0; i < rows.length; i += 500) await db('referrals').insert(rows.slice(i, i + 500));
  inserted.push(...rows.map((r) => r.id));
  return rows.map(({ id, submittedAt }) => ({ id, submittedAt }));
}

/** Oldest first, the id breaking ties, as the queues promise (uuids compare as their lower-case text). */
const inQueueOrder = (rows: Queued[]) =>
  [...rows]
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id.localeCompare(b.id))
    .map((r) => r.id);

/** Pages of at most `limit` rows, none listed twice, with `mine` among them in queue order. */
async function expectPaged(path: string, caller: Awaited<ReturnType<typeof as>>, limit: number, mine: Queued[]) {
  const pages = await allPages(caller, path, limit);
  for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
  const ids = pages.flat().map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  const wanted = new Set(mine.map((r) => r.id));
  expect(ids.filter((id) => wanted.has(id))).toEqual(inQueueOrder(mine));
  return pages;
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the Triage Queue', () => {
  it('lists every referral pending triage a page at a time, oldest first, none twice and none left out', async () => {
    const { world } = suite;
    const mine = await queued(205, {
      status: 'pending_triage',
      authorId: world.referrer.id,
      ownerId: world.referrer.id,
    });
    // Never written so by the workflow, but such a row must still take a place (by its creation) on some page.
    const [undated] = await queued(1, {
      status: 'pending_triage',
      authorId: world.referrer.id,
      ownerId: world.referrer.id,
      submittedAt: null,
    });
    const pages = await expectPaged('/api/triage', await as(world.clinician), 50, mine);
    expect(pages.length).toBeGreaterThan(4);
    expect(pages.flat().map((r) => r.id)).toContain(undated!.id);
  });

  it('refuses a page size beyond the maximum and a damaged or forged cursor, with a message', async () => {
    const clinician = await as(suite.world.clinician);
    expect((await clinician.get('/api/triage?limit=200')).status).toBe(200);
    expect((await clinician.get('/api/triage?limit=201')).status).toBe(400);
    const forged = [
      'not-a-cursor',
      cursorOf(['2026-02-30 00:00:00+00', randomUUID()]),
      cursorOf(['2026-01-01 00:00:00+00', 'not-a-uuid']),
      cursorOf(['2026-01-01 00:00:00+00\u0000', randomUUID()]),
      cursorOf(['2026-01-01 00:00:00+00']),
      cursorOf({ t: '2026-01-01 00:00:00+00', id: randomUUID() }),
    ];
    for (const cursor of forged) {
      const res = await clinician.get(`/api/triage?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.message).toBe(
        'That page link is out of date or damaged. Go back to the first page of the list.',
      );
    }
  });
});

describe('the Approval Queue', () => {
  it('shows a manager only the referrals of their reports that the visibility rule lets them see', async () => {
    const { world } = suite;
    const manager = await as(world.manager);
    const [shown] = await queued(1, {
      status: 'awaiting_approval',
      authorId: world.referrer.id,
      ownerId: world.referrer.id,
    });
    // Written by the manager's report but owned by someone outside the manager's branch (as after a reassignment).
    const [elsewhere] = await queued(1, {
      status: 'awaiting_approval',
      authorId: world.referrer.id,
      ownerId: world.peer.id,
    });
    const [notTheirReport] = await queued(1, {
      status: 'awaiting_approval',
      authorId: world.peer.id,
      ownerId: world.peer.id,
    });
    const [notAwaiting] = await queued(1, {
      status: 'pending_triage',
      authorId: world.referrer.id,
      ownerId: world.referrer.id,
    });

    const listed = (await allPages(manager, '/api/approvals', 200)).flat().map((r) => r.id);
    expect(listed).toContain(shown!.id);
    for (const hidden of [elsewhere!, notTheirReport!, notAwaiting!]) expect(listed).not.toContain(hidden.id);
    // What the queue lists, the manager can open; what it hides, they cannot.
    expect((await manager.get(`/api/referrals/${shown!.id}`)).status).toBe(200);
    expect((await manager.get(`/api/referrals/${elsewhere!.id}`)).status).toBe(404);
    // Their own manager sees the referral, but it is not theirs to approve.
    expect((await allPages(await as(world.top), '/api/approvals', 200)).flat().map((r) => r.id)).not.toContain(
      shown!.id,
    );
  });

  it('lists every referral awaiting the manager’s approval a page at a time, with no cap', async () => {
    const { world } = suite;
    const mine = await queued(505, {
      status: 'awaiting_approval',
      authorId: world.referrer.id,
      ownerId: world.referrer.id,
    });
    const pages = await expectPaged('/api/approvals', await as(world.manager), 200, mine);
    expect(pages.length).toBeGreaterThan(2);
  });
});
