import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createShare, createUser } from '../../db/queries/provisioning.ts';
import { LIST_SORTS } from '../../db/queries/referral-list.ts';
import type { CaseStatus } from '../../domain/statuses.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;

type Row = {
  id: string;
  tab: string;
  employee: string;
  caseNumber: string | null;
  position: string | null;
  postcode: string | null;
  canReRefer: boolean;
  statusExplanation: string;
};
type Seeded = { id: string; status: CaseStatus; ownerId: string };

let sharer: { id: string; username: string };
let branchManager: { id: string; username: string };
/** Rows written straight to the database (listing needs no workflow), by key. */
const seeded: Record<string, Seeded> = {};

async function extraUser(name: string, permissions: string[]) {
  const { sys, world } = suite;
  const username = `${name}-${world.tag}`;
  const passwordHash = (await sys.db('users').where({ id: world.referrer.id }).first('passwordHash')).passwordHash;
  const id = await createUser(
    sys.db,
    {
      username,
      email: `${username}@client-${world.tag}.test`,
      passwordHash,
      title: 'Mr',
      firstName: name[0]!.toUpperCase() + name.slice(1),
      surname: `Tester${world.tag}`,
      jobTitle: 'HR Adviser',
      telephone: '0113 496 0000',
      workAddress: '1 Test Street',
      workPostcode: 'LS1 1AA',
    },
    [
      {
        organisationId: world.client.id,
        managerId: world.top.id,
        permissions: permissions as never,
        locationId: world.client.locations.Leeds!,
      },
    ],
  );
  return { id, username };
}

let sequence = 0;
async function seed(key: string, values: { status: CaseStatus; ownerId?: string; [column: string]: unknown }) {
  const { sys, world } = suite;
  const formTypeId = (await sys.db('form_types').where({ key: 'management-referral' }).first('id')).id;
  const ownerId = values.ownerId ?? world.referrer.id;
  const id = randomUUID();
  sequence += 1;
  await sys.db('referrals').insert({
    id,
    organisationId: world.client.id,
    formTypeId,
    authorId: ownerId,
    employeeFirstName: 'Eve',
    employeeSurname: `Seeded${world.tag}`,
    formData: { employeeJobTitle: 'Clerk', employeePostcode: 'LS1 1AA' },
    submittedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)),
    ...values,
    ownerId,
  });
  seeded[key] = { id, status: values.status, ownerId };
  return id;
}

const idsOf = (body: Record<string, unknown>) => (body.rows as Row[]).map((r) => r.id);

/** The export as its caller downloads it: each worksheet's name and rows (header first). */
async function download(caller: ApiCaller, query = '') {
  const res = await caller.raw(`/api/referrals/export.xlsx${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

/** A worksheet's data rows as [employee, case number]. */
const sheetRows = (book: ExcelJS.Workbook, name: string) => {
  const rows: [string, string | null][] = [];
  book.getWorksheet(name)!.eachRow((row, n) => {
    if (n > 1) rows.push([String(row.getCell(1).value ?? ''), (row.getCell(2).value as string | null) ?? null]);
  });
  return rows;
};

/** The list API's rows for the same view, every page, as [employee, case number]. */
async function listed(caller: ApiCaller, query: string) {
  const rows: [string, string | null][] = [];
  let cursor: string | null = null;
  do {
    const res = await caller.get(
      `/api/referrals?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    rows.push(...(res.body.rows as Row[]).map((r): [string, string | null] => [r.employee, r.caseNumber]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

/** Every page of a list, following nextCursor. */
async function walk(caller: ApiCaller, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await caller.get(`/api/referrals?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...idsOf(res.body));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

beforeAll(async () => {
  const { world, sys } = suite;
  sharer = await extraUser('sharer', ['referrer']);
  branchManager = await extraUser('branchmanager', ['referrer', 'approver']);
  await createShare(sys.db, { organisationId: world.client.id, ownerId: world.referrer.id, viewerId: sharer.id });

  // The referrer's walkable open cases: ties on every key, NULLs in every nullable column.
  const leeds = world.client.locations.Leeds!;
  const york = world.client.locations.York!;
  const division = world.client.divisions.Operations!;
  const department = world.client.departments.Claims!;
  const tie = new Date(Date.UTC(2026, 5, 1, 12));
  const open: CaseStatus[] = ['triage_ima_required', 'triage_further_evidence_required', 'awaiting_employee_consent'];
  for (let i = 0; i < 14; i++) {
    await seed(`open${i}`, {
      status: open[i % 3]!,
      employeeFirstName: i % 4 === 0 ? null : ['Ann', 'Bob'][i % 2],
      employeeSurname: i % 5 === 0 ? null : ['Able', 'Baker', 'able'][i % 3],
      caseNumber: i % 3 === 0 ? null : `W${world.tag}/${i % 7}${i}`,
      locationId: i % 4 === 0 ? null : i % 2 ? leeds : york,
      divisionId: i % 3 === 1 ? null : division,
      departmentId: i % 2 ? department : null,
      submittedAt: i % 4 === 1 ? null : i % 3 ? tie : new Date(Date.UTC(2026, 4, i + 1)),
      recallDate: i % 3 === 2 ? null : `2027-0${(i % 2) + 1}-15`,
      updatedAt: i % 2 ? tie : new Date(Date.UTC(2026, 3, i + 1)),
    });
  }
  await seed('closedMine', { status: 'closed', caseNumber: `C${world.tag}/1`, employeeSurname: `Findme${world.tag}` });
  await seed('openFound', { status: 'triage_ima_required', employeeFirstName: `Findme${world.tag}` });
  await seed('closedPeer', { status: 'closed', ownerId: world.peer.id });
  await seed('closedSharerOwn', { status: 'closed', ownerId: sharer.id });
  await seed('approval', { status: 'awaiting_approval' });
  await seed('rejected', {
    status: 'rejected',
    formData: { employeeJobTitle: 'Forklift driver', employeePostcode: 'YO1 7HH' },
  });
  await seed('draft', { status: 'draft' });
  await seed('outsiderOpen', { status: 'triage_ima_required', ownerId: world.outsider.id });
  await sys.db('referrals').where({ id: seeded.outsiderOpen!.id }).update({ organisationId: world.other.id });
});

describe('Track Referrals', () => {
  it('pages through every sort, both ways, visiting every row exactly once in the one-page order', async () => {
    const referrer = await as(suite.world.referrer);
    const mine = Object.entries(seeded)
      .filter(([key]) => key.startsWith('open'))
      .map(([, s]) => s.id);
    const base = `tab=open&user=${suite.world.referrer.id}`;
    for (const sort of LIST_SORTS)
      for (const dir of ['asc', 'desc']) {
        const whole = await referrer.get(`/api/referrals?${base}&sort=${sort}&dir=${dir}&limit=200`);
        expect(whole.status).toBe(200);
        expect(whole.body.nextCursor).toBeNull();
        expect([...idsOf(whole.body)].sort()).toEqual([...mine].sort());
        expect(await walk(referrer, `${base}&sort=${sort}&dir=${dir}&limit=3`), `${sort} ${dir}`).toEqual(
          idsOf(whole.body),
        );
      }
  });

  it('puts blanks first going up and last going down', async () => {
    const referrer = await as(suite.world.referrer);
    const base = `tab=open&user=${suite.world.referrer.id}&limit=200&sort=caseNumber`;
    const up = (await referrer.get(`${'/api/referrals?'}${base}&dir=asc`)).body.rows as Row[];
    const down = (await referrer.get(`${'/api/referrals?'}${base}&dir=desc`)).body.rows as Row[];
    expect(up[0]!.caseNumber).toBeNull();
    expect(down.at(-1)!.caseNumber).toBeNull();
    expect(down.map((r) => r.id)).toEqual(up.map((r) => r.id).reverse());
  });

  it('refuses a forged cursor, and one from another sort or direction, with 400', async () => {
    const referrer = await as(suite.world.referrer);
    const base = `tab=open&user=${suite.world.referrer.id}&limit=2`;
    const first = await referrer.get(`/api/referrals?${base}&sort=employee&dir=asc`);
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await referrer.get(`/api/referrals?${base}&sort=employee&dir=asc&cursor=${cursor}`)).status).toBe(200);
    for (const other of ['sort=employee&dir=desc', 'sort=received&dir=asc', 'sort=updatedAt'])
      expect((await referrer.get(`/api/referrals?${base}&${other}&cursor=${cursor}`)).status).toBe(400);
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const bad of [
      forged(['received', 'asc', 'yesterday', randomUUID()]),
      forged(['received', 'asc', '2026-02-30 00:00:00+00', randomUUID()]),
      forged(['recallDate', 'asc', "2026-01-01'; drop table referrals;--", randomUUID()]),
      forged(['employee', 'asc', 'x', 'not-a-uuid']),
      'not base64 at all!',
    ]) {
      const res = await referrer.get(`/api/referrals?${base}&sort=received&dir=asc&cursor=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
    }
    const ok = forged(['received', 'asc', '-infinity', randomUUID()]);
    expect((await referrer.get(`/api/referrals?${base}&sort=received&dir=asc&cursor=${ok}`)).status).toBe(200);
  });

  it('combines column filters, case-insensitively, with LIKE wildcards taken literally', async () => {
    const referrer = await as(suite.world.referrer);
    const all = (await referrer.get(`/api/referrals?tab=open&user=${suite.world.referrer.id}&limit=200`)).body
      .rows as (Row & { location: string | null; department: string | null })[];
    const expected = all
      .filter((r) => r.employee.toLowerCase().includes('bob') && r.location === 'Leeds' && r.department === 'Claims')
      .map((r) => r.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const res = await referrer.get(
      `/api/referrals?tab=open&user=${suite.world.referrer.id}&limit=200&employee=BOB&location=eed&department=claim`,
    );
    expect(idsOf(res.body).sort()).toEqual(expected);
    expect((await referrer.get('/api/referrals?tab=open&employee=%25')).body.rows).toEqual([]);
    const status = await referrer.get(
      `/api/referrals?tab=open&user=${suite.world.referrer.id}&limit=200&status=awaiting_employee_consent&caseType=management-referral`,
    );
    expect(status.body.rows.length).toBe(
      all.filter((r) => (r as { status?: string }).status === 'awaiting_employee_consent').length,
    );
    expect(status.body.rows.length).toBeGreaterThan(0);
    expect((await referrer.get('/api/referrals?tab=open&status=not_a_status')).status).toBe(400);
  });

  it('filters by a user the viewer may see, and gives an empty list for one they may not', async () => {
    const manager = await as(suite.world.manager);
    const mine = await manager.get(`/api/referrals?tab=open&user=${suite.world.referrer.id}&limit=200`);
    expect(mine.body.rows.length).toBe(15);
    const peer = await as(suite.world.peer);
    expect((await peer.get(`/api/referrals?tab=open&user=${suite.world.referrer.id}`)).body.rows).toEqual([]);
    expect((await peer.get(`/api/referrals?tab=closed&scope=all&user=${suite.world.referrer.id}`)).body.rows).toEqual(
      [],
    );
    expect((await peer.get('/api/referrals?user=nobody')).status).toBe(400);
  });

  it('lists as owners only the people whose cases the viewer may see', async () => {
    const { world } = suite;
    const ownersOf = async (caller: ApiCaller) =>
      ((await caller.get('/api/referrals/owners')).body as { id: string }[]).map((o) => o.id);
    expect(await ownersOf(await as(world.manager))).toEqual(expect.arrayContaining([world.referrer.id]));
    expect(await ownersOf(await as(world.manager))).not.toContain(world.peer.id);
    expect((await ownersOf(await as(world.top))).sort()).toEqual(
      expect.arrayContaining([world.referrer.id, world.peer.id, sharer.id]),
    );
    expect(await ownersOf(await as(sharer))).toEqual(expect.arrayContaining([world.referrer.id, sharer.id]));
    expect(await ownersOf(await as(sharer))).not.toContain(world.peer.id);
    expect(await ownersOf(await as(world.peer))).toEqual([world.peer.id]);
    expect(await ownersOf(await as(world.outsider))).toEqual([world.outsider.id]);
    expect(await ownersOf(await as(world.clinician))).toEqual(
      expect.arrayContaining([world.referrer.id, world.outsider.id]),
    );
  });

  it('searches open and closed cases at once and says which tab each hit is in', async () => {
    const { world } = suite;
    const referrer = await as(world.referrer);
    const hits = (await referrer.get(`/api/referrals?tab=pending&search=findme${world.tag}`)).body.rows as Row[];
    expect(hits.map((r) => [r.id, r.tab]).sort()).toEqual(
      [
        [seeded.closedMine!.id, 'closed'],
        [seeded.openFound!.id, 'open'],
      ].sort(),
    );
    const byCaseNumber = (await referrer.get(`/api/referrals?search=${encodeURIComponent(`c${world.tag}/1`)}`)).body
      .rows as Row[];
    expect(byCaseNumber.map((r) => r.id)).toEqual([seeded.closedMine!.id]);
    // Drafts, approvals and rejections are not cases: a search does not find them.
    const everything = (await referrer.get(`/api/referrals?search=seeded${world.tag}&limit=200`)).body.rows as Row[];
    const found = new Set(everything.map((r) => r.id));
    for (const key of ['draft', 'approval', 'rejected']) expect(found.has(seeded[key]!.id)).toBe(false);
    expect((await (await as(world.peer)).get(`/api/referrals?search=findme${world.tag}`)).body.rows).toEqual([]);
  });

  it('finds a referral still pending triage from Open Cases, by the name the submission email gives', async () => {
    const { world } = suite;
    const id = await seed('pendingFound', { status: 'pending_triage', employeeSurname: `Pendfind${world.tag}` });
    const hits = (await (await as(world.referrer)).get(`/api/referrals?tab=open&search=pendfind${world.tag}`)).body
      .rows as Row[];
    expect(hits.map((r) => [r.id, r.tab])).toEqual([[id, 'pending']]);
  });

  it('shows the viewer’s own closed cases by default, and all they may see on request', async () => {
    const { world } = suite;
    const top = await as(world.top);
    expect(idsOf((await top.get('/api/referrals?tab=closed')).body)).toEqual([]);
    const all = idsOf((await top.get('/api/referrals?tab=closed&scope=all&limit=200')).body);
    expect(all).toEqual(
      expect.arrayContaining([seeded.closedMine!.id, seeded.closedPeer!.id, seeded.closedSharerOwn!.id]),
    );
    const referrer = await as(world.referrer);
    const mine = (await referrer.get('/api/referrals?tab=closed')).body.rows as Row[];
    expect(mine.map((r) => r.id)).toEqual([seeded.closedMine!.id]);
    expect(mine[0]!.canReRefer).toBe(true);
    expect(mine[0]!.statusExplanation).toMatch(/closed/);
    // A clinician owns no cases: their closed list is every closed case they may see.
    const clinician = await as(world.clinician);
    const theirs = idsOf((await clinician.get('/api/referrals?tab=closed&limit=200')).body);
    expect(theirs).toEqual(expect.arrayContaining([seeded.closedMine!.id, seeded.closedPeer!.id]));
    expect(((await clinician.get('/api/referrals?tab=closed&limit=200')).body.rows as Row[])[0]!.canReRefer).toBe(
      false,
    );
  });

  it('lists a referral awaiting approval to its author only', async () => {
    const { world } = suite;
    const id = seeded.approval!.id;
    expect(idsOf((await (await as(world.referrer)).get('/api/referrals?tab=approval')).body)).toEqual([id]);
    for (const user of [world.manager, world.top, sharer, world.peer, world.clinician, world.outsider])
      expect(idsOf((await (await as(user)).get('/api/referrals?tab=approval')).body)).not.toContain(id);
  });

  it('shows position and postcode on rejected referrals, and sorts by them', async () => {
    const referrer = await as(suite.world.referrer);
    const rows = (await referrer.get('/api/referrals?tab=rejected&sort=position&dir=asc')).body.rows as Row[];
    expect(rows).toEqual([
      expect.objectContaining({
        id: seeded.rejected!.id,
        tab: 'rejected',
        position: 'Forklift driver',
        postcode: 'YO1 7HH',
        canReRefer: true,
      }),
    ]);
  });

  describe('Export Referrals', () => {
    it('writes the open and closed cases the viewer may see, filtered and sorted like the list', async () => {
      const { world, sys } = suite;
      const manager = await as(world.manager);
      for (const view of ['', '&sort=employee&dir=asc&location=leeds', `&user=${world.referrer.id}&scope=all`]) {
        const book = await download(manager, `?x=1${view}`);
        expect(book.worksheets.map((w) => w.name)).toEqual(['Open Cases', 'Closed Cases']);
        expect(sheetRows(book, 'Open Cases'), view).toEqual(await listed(manager, `tab=open${view}`));
        expect(sheetRows(book, 'Closed Cases'), view).toEqual(await listed(manager, `tab=closed${view}`));
      }
      const book = await download(manager, '?scope=all&sort=received&dir=desc');
      const open = book.getWorksheet('Open Cases')!;
      expect(open.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(open.getRow(1).getCell(1).value).toBe('Employee');
      expect(open.getColumn(1).width).toBeGreaterThan(10);
      // Dates are Excel dates, not text.
      expect(open.getRow(2).getCell(6).value).toBeInstanceOf(Date);
      expect(open.getRow(2).getCell(12).value).toBeInstanceOf(Date);
      // The instant the list shows, as London's wall clock (an Excel date keeps it to well within the minute).
      const [first] = (await manager.get('/api/referrals?tab=open&scope=all&sort=received&dir=desc&limit=1')).body
        .rows as { received: string }[];
      const inLondon = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/London',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(first!.received));
      expect((open.getRow(2).getCell(6).value as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(inLondon);

      // Another viewer gets only theirs.
      const peerBook = await download(await as(world.peer), '?scope=all');
      expect(sheetRows(peerBook, 'Open Cases')).toEqual([]);
      expect(sheetRows(peerBook, 'Closed Cases')).toEqual([[`Eve Seeded${world.tag}`, null]]);

      // One audit entry per export: codes and counts, never the typed text.
      const entry = await sys
        .db('audit_log')
        .where({ actorId: world.manager.id, action: 'referrals.exported' })
        .orderBy('id', 'desc')
        .first();
      expect(entry.detail).toMatchObject({ scope: 'all', sort: 'received', dir: 'desc', openRows: 15 });
      const filtered = await download(manager, '?employee=Findme');
      expect(sheetRows(filtered, 'Open Cases')).toHaveLength(1);
      const last = await sys
        .db('audit_log')
        .where({ actorId: world.manager.id, action: 'referrals.exported' })
        .orderBy('id', 'desc')
        .first();
      expect(last.detail).toMatchObject({ filters: 'employee', openRows: 1 });
      expect(JSON.stringify(last.detail)).not.toMatch(/findme/i);
    });

    it('refuses a bad filter before any file is written', async () => {
      const referrer = await as(suite.world.referrer);
      expect((await referrer.raw('/api/referrals/export.xlsx?sort=nonsense')).status).toBe(400);
      expect((await referrer.raw('/api/referrals/export.xlsx?user=x')).status).toBe(400);
    });
  });

  describe('authorisation matrix', () => {
    const people = () => {
      const { world } = suite;
      return {
        owner: world.referrer,
        managerAbove: world.manager,
        managerOtherBranch: branchManager,
        sharer,
        unsharedColleague: world.peer,
        otherOrganisation: world.outsider,
        clinician: world.clinician,
      };
    };
    // Who sees the owner's open case in lists, search and the owners list.
    const SEES = {
      owner: true,
      managerAbove: true,
      managerOtherBranch: false,
      sharer: true,
      unsharedColleague: false,
      otherOrganisation: false,
      clinician: true,
    };

    it('shows the owner’s case to exactly those the visibility rule allows, and hides its existence from the rest', async () => {
      const { world } = suite;
      const id = seeded.openFound!.id;
      const closed = seeded.closedMine!.id;
      for (const [role, user] of Object.entries(people())) {
        const caller = await as(user);
        const sees = SEES[role as keyof typeof SEES];
        const seen = {
          list: idsOf((await caller.get('/api/referrals?tab=open&limit=200')).body).includes(id),
          userFilter: idsOf(
            (await caller.get(`/api/referrals?tab=open&limit=200&user=${world.referrer.id}`)).body,
          ).includes(id),
          closedAll: idsOf((await caller.get('/api/referrals?tab=closed&scope=all&limit=200')).body).includes(closed),
          search: idsOf((await caller.get(`/api/referrals?search=findme${world.tag}`)).body).includes(id),
          owners: ((await caller.get('/api/referrals/owners')).body as { id: string }[]).some(
            (o) => o.id === world.referrer.id,
          ),
          page: (await caller.get(`/api/referrals/${id}`)).status,
          export: sheetRows(await download(caller, '?scope=all'), 'Open Cases').some(([employee]) =>
            employee.startsWith(`Findme${world.tag}`),
          ),
        };
        expect(seen, role).toEqual({
          list: sees,
          userFilter: sees,
          closedAll: sees,
          search: sees,
          owners: sees,
          page: sees ? 200 : 404,
          export: sees,
        });
      }
    });

    it('asks an anonymous caller to sign in', async () => {
      const anonymous = new ApiCaller(suite.sys.app);
      for (const path of [
        '/api/referrals',
        '/api/referrals?search=x',
        '/api/referrals/owners',
        '/api/referrals/export.xlsx',
      ])
        expect((await anonymous.get(path)).status, path).toBe(401);
    });
  });
});

// Last in the file: it renames rows and adds users that the tests above must not see.
describe('Track Referrals sorts by names from other tables', () => {
  it('follows a rename of a division and of a user, and a referral moved to another division', async () => {
    const { sys, world } = suite;
    const viewer = await extraUser('renamer', ['referrer']);
    const other = await extraUser('alpha', ['referrer']);
    await createShare(sys.db, { organisationId: world.client.id, ownerId: other.id, viewerId: viewer.id });
    const division = async (name: string) =>
      (await sys.db('divisions').insert({ organisationId: world.client.id, name }).returning('id'))[0].id as string;
    const first = await division(`Alpha ${world.tag}`);
    const second = await division(`Beta ${world.tag}`);
    const a = await seed('renameA', { status: 'triage_ima_required', ownerId: viewer.id, divisionId: first });
    const b = await seed('renameB', { status: 'triage_ima_required', ownerId: other.id, divisionId: second });
    const caller = await as(viewer);
    const order = async (sort: string) => {
      const res = await caller.get(`/api/referrals?tab=open&sort=${sort}&dir=asc`);
      expect(res.status).toBe(200);
      return (res.body.rows as (Row & { division: string | null; owner: string })[]).map((r) => [
        r.id,
        sort === 'division' ? r.division : r.owner,
      ]);
    };

    expect(await order('division')).toEqual([
      [a, `Alpha ${world.tag}`],
      [b, `Beta ${world.tag}`],
    ]);
    await sys
      .db('divisions')
      .where({ id: first })
      .update({ name: `Zulu ${world.tag}` });
    expect(await order('division')).toEqual([
      [b, `Beta ${world.tag}`],
      [a, `Zulu ${world.tag}`],
    ]);
    // No division sorts first, as an empty name.
    await sys.db('referrals').where({ id: a }).update({ divisionId: null });
    expect(await order('division')).toEqual([
      [a, null],
      [b, `Beta ${world.tag}`],
    ]);

    // Same surname: "Alpha" before "Renamer" until Alpha's surname changes.
    expect(await order('owner')).toEqual([
      [b, `Alpha Tester${world.tag}`],
      [a, `Renamer Tester${world.tag}`],
    ]);
    await sys
      .db('users')
      .where({ id: other.id })
      .update({ surname: `Zeta${world.tag}` });
    expect(await order('owner')).toEqual([
      [a, `Renamer Tester${world.tag}`],
      [b, `Alpha Zeta${world.tag}`],
    ]);
  });
});
