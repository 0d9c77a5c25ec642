import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createShare, createUser } from '../../db/queries/provisioning.ts';
import { QUESTIONNAIRE_SORTS } from '../../db/queries/questionnaire-list.ts';
import { QUESTIONNAIRE_TABS, type QuestionnaireStatus } from '../../domain/questionnaire-statuses.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

// Track Questionnaires runs on Track Referrals' list machinery: these rows are written
// straight to the database (listing needs no workflow), then read through the API.
const suite = apiSuite();
const { as } = suite;

type Row = { id: string; reference: string; employee: string; owner: string; status: string; outcome: string | null };

let sharer: { id: string; username: string };
const seeded: Record<string, string> = {};

async function sharerUser() {
  const { sys, world } = suite;
  const username = `qsharer-${world.tag}`;
  const passwordHash = (await sys.db('users').where({ id: world.referrer.id }).first('passwordHash')).passwordHash;
  const id = await createUser(
    sys.db,
    {
      username,
      email: `${username}@client-${world.tag}.test`,
      passwordHash,
      title: 'Ms',
      firstName: 'Sharer',
      surname: `Q${world.tag}`,
      jobTitle: 'HR Adviser',
      telephone: '0113 496 0000',
      workAddress: '1 Test Street',
      workPostcode: 'LS1 1AA',
    },
    [
      {
        organisationId: suite.world.client.id,
        managerId: suite.world.top.id,
        permissions: ['referrer'],
        locationId: suite.world.client.locations.Leeds!,
      },
    ],
  );
  return { id, username };
}

let sequence = 0;
async function seed(
  key: string,
  values: { status: QuestionnaireStatus; ownerId?: string; typeKey?: string; [column: string]: unknown },
) {
  const { sys, world } = suite;
  const { typeKey = 'health-assessment', ownerId = world.referrer.id, ...columns } = values;
  const typeId = (await sys.db('questionnaire_types').where({ key: typeKey }).first('id')).id;
  const id = randomUUID();
  sequence += 1;
  await sys.db('questionnaires').insert({
    id,
    organisationId: world.client.id,
    questionnaireTypeId: typeId,
    authorId: ownerId,
    ownerId,
    employeeFirstName: 'Quinn',
    employeeSurname: `Listed${world.tag}`,
    employeeJobTitle: 'Clerk',
    employeeEmail: `quinn-${sequence}@client-${world.tag}.test`,
    sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)),
    ...columns,
  });
  seeded[key] = id;
  return id;
}

const idsOf = (body: Record<string, unknown>) => (body.rows as Row[]).map((r) => r.id);

/** Every page of a list, following nextCursor. */
async function walk(caller: ApiCaller, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await caller.get(
      `/api/questionnaires?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    ids.push(...idsOf(res.body));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/** The export as its caller downloads it. */
async function download(caller: ApiCaller, query = '') {
  const res = await caller.raw(`/api/questionnaires/export.xlsx${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

/** A worksheet's references (column 1), header left out. */
const sheetReferences = (book: ExcelJS.Workbook, name: string) => {
  const refs: string[] = [];
  book.getWorksheet(name)!.eachRow((row, n) => {
    if (n > 1) refs.push(String(row.getCell(1).value));
  });
  return refs;
};

beforeAll(async () => {
  const { world, sys } = suite;
  sharer = await sharerUser();
  await createShare(sys.db, { organisationId: world.client.id, ownerId: world.referrer.id, viewerId: sharer.id });
  const tie = new Date(Date.UTC(2026, 5, 1, 12));
  const types = ['health-assessment', 'night-worker', 'driving'];
  for (let i = 0; i < 9; i++)
    await seed(`pending${i}`, {
      status: i % 4 === 3 ? 'returned_to_employee' : 'awaiting_employee',
      typeKey: types[i % 3]!,
      employeeFirstName: ['Ann', 'Bob', 'ann'][i % 3],
      employeeSurname: [`Able${world.tag}`, `Baker${world.tag}`][i % 2],
      employeeJobTitle: ['Porter', 'Driver', 'porter'][i % 3],
      sentAt: i % 2 ? tie : new Date(Date.UTC(2026, 4, i + 1)),
      updatedAt: i % 3 ? tie : new Date(Date.UTC(2026, 3, i + 1)),
    });
  await seed('review', { status: 'awaiting_review', employeeSurname: `Findme${world.tag}` });
  await seed('fit', { status: 'completed', outcome: 'fit' });
  await seed('unfit', { status: 'completed', outcome: 'unfit' });
  await seed('peer', { status: 'awaiting_employee', ownerId: world.peer.id });
  await seed('outsider', { status: 'awaiting_employee', ownerId: world.outsider.id });
  await sys.db('questionnaires').where({ id: seeded.outsider! }).update({ organisationId: world.other.id });
});

describe('Track Questionnaires', () => {
  it('pages through every sort, both ways, visiting every row exactly once in the one-page order', async () => {
    const referrer = await as(suite.world.referrer);
    const mine = Object.entries(seeded)
      .filter(([key]) => key.startsWith('pending'))
      .map(([, id]) => id);
    const base = `tab=pending&user=${suite.world.referrer.id}`;
    for (const sort of QUESTIONNAIRE_SORTS)
      for (const dir of ['asc', 'desc']) {
        const whole = await referrer.get(`/api/questionnaires?${base}&sort=${sort}&dir=${dir}&limit=200`);
        expect(whole.status).toBe(200);
        expect(whole.body.nextCursor).toBeNull();
        expect([...idsOf(whole.body)].sort()).toEqual([...mine].sort());
        expect(await walk(referrer, `${base}&sort=${sort}&dir=${dir}&limit=2`), `${sort} ${dir}`).toEqual(
          idsOf(whole.body),
        );
      }
  });

  it('sorts by the column both ways', async () => {
    const referrer = await as(suite.world.referrer);
    const base = `/api/questionnaires?tab=pending&user=${suite.world.referrer.id}&limit=200&sort=employee`;
    const up = (await referrer.get(`${base}&dir=asc`)).body.rows as Row[];
    const down = (await referrer.get(`${base}&dir=desc`)).body.rows as Row[];
    expect(up[0]!.employee).toMatch(/Able/);
    expect(up.at(-1)!.employee).toMatch(/Baker/);
    expect(down.map((r) => r.id)).toEqual(up.map((r) => r.id).reverse());
  });

  it('refuses a cursor from another sort or direction, a sort it does not know and a damaged cursor with 400', async () => {
    const referrer = await as(suite.world.referrer);
    const base = `/api/questionnaires?tab=pending&user=${suite.world.referrer.id}&limit=2`;
    const first = await referrer.get(`${base}&sort=employee&dir=asc`);
    const cursor = encodeURIComponent(first.body.nextCursor);
    for (const query of [`&sort=jobTitle&dir=asc&cursor=${cursor}`, `&sort=employee&dir=desc&cursor=${cursor}`]) {
      const res = await referrer.get(`${base}${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/first page of the list/);
    }
    expect((await referrer.get(`${base}&sort=answers`)).status).toBe(400);
    expect((await referrer.get(`${base}&cursor=bm90LWpzb24`)).status).toBe(400);
    expect((await referrer.get('/api/questionnaires?user=not-a-user')).status).toBe(400);
  });

  it('filters by each column’s text, the exact status, type and outcome, and searches the tab', async () => {
    const referrer = await as(suite.world.referrer);
    const { world } = suite;
    const ids = async (query: string) =>
      idsOf((await referrer.get(`/api/questionnaires?limit=200&user=${world.referrer.id}&${query}`)).body).sort();
    const pendingWhere = (test: (i: number) => boolean) =>
      [...Array(9).keys()]
        .filter(test)
        .map((i) => seeded[`pending${i}`]!)
        .sort();
    expect(await ids('tab=pending&jobTitle=PORT')).toEqual(pendingWhere((i) => i % 3 !== 1));
    expect(await ids(`tab=pending&employee=ann%20baker${world.tag}`)).toEqual(
      pendingWhere((i) => i % 2 === 1 && i % 3 !== 1),
    );
    expect(await ids('tab=pending&type=night-worker')).toEqual(pendingWhere((i) => i % 3 === 1));
    expect(await ids('tab=pending&status=returned_to_employee')).toEqual(pendingWhere((i) => i % 4 === 3));
    expect(await ids('tab=completed&outcome=fit')).toEqual([seeded.fit]);
    // A "contains" filter takes % and _ literally.
    expect(await ids('tab=pending&jobTitle=%25')).toEqual([]);
    expect(await ids(`tab=review&search=findme${world.tag}`)).toEqual([seeded.review]);
    const reference = ((await referrer.get('/api/questionnaires?tab=completed&outcome=unfit')).body.rows as Row[])[0]!
      .reference;
    expect(await ids(`tab=completed&search=${reference}`)).toEqual([seeded.unfit]);
  });

  it('exports, one worksheet per tab, exactly the rows the list shows with the same filters, and audits it', async () => {
    const { world, sys } = suite;
    const manager = await as(world.manager);
    const book = await download(manager, '?sort=employee&dir=asc&jobTitle=porter');
    const listed = (
      (await manager.get('/api/questionnaires?tab=pending&sort=employee&dir=asc&jobTitle=porter&limit=200')).body
        .rows as Row[]
    ).map((r) => r.reference);
    expect(listed.length).toBeGreaterThan(0);
    expect(sheetReferences(book, QUESTIONNAIRE_TABS.pending)).toEqual(listed);
    const sheet = book.getWorksheet(QUESTIONNAIRE_TABS.pending)!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Employee');
    expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);

    const all = await download(manager);
    for (const tab of ['pending', 'review', 'completed'] as const) {
      const rows = (await manager.get(`/api/questionnaires?tab=${tab}&limit=200`)).body.rows as Row[];
      expect(sheetReferences(all, QUESTIONNAIRE_TABS[tab]), tab).toEqual(rows.map((r) => r.reference));
    }
    const entry = await sys
      .db('audit_log')
      .where({ actorId: world.manager.id, action: 'questionnaires.exported' })
      .orderBy('id', 'desc')
      .first();
    expect(entry.detail).toMatchObject({ sort: 'updatedAt', completedRows: 2, reviewRows: 1 });
    expect((await manager.raw('/api/questionnaires/export.xlsx?sort=nonsense')).status).toBe(400);
  });

  describe('who sees what', () => {
    it('lists, filters, exports and offers as owners exactly what the visibility rule allows, shares included', async () => {
      const { world } = suite;
      const people = {
        owner: world.referrer,
        managerAbove: world.manager,
        sharer,
        unsharedColleague: world.peer,
        otherOrganisation: world.outsider,
      };
      const SEES = {
        owner: true,
        managerAbove: true,
        sharer: true,
        unsharedColleague: false,
        otherOrganisation: false,
      };
      const id = seeded.review!;
      for (const [role, user] of Object.entries(people)) {
        const caller = await as(user);
        const sees = SEES[role as keyof typeof SEES];
        const review = (await caller.get('/api/questionnaires?tab=review&limit=200')).body;
        const owners = (await caller.get('/api/questionnaires/owners')).body as { id: string }[];
        const book = await download(caller);
        const seen = {
          list: idsOf(review).includes(id),
          userFilter: idsOf(
            (await caller.get(`/api/questionnaires?tab=review&limit=200&user=${world.referrer.id}`)).body,
          ).includes(id),
          owners: owners.some((o) => o.id === world.referrer.id),
          export: sheetReferences(book, QUESTIONNAIRE_TABS.review).length === review.rows.length,
          exportHas: sheetReferences(book, QUESTIONNAIRE_TABS.review).includes(
            (review.rows as Row[]).find((r) => r.id === id)?.reference ?? 'none',
          ),
          page: (await caller.get(`/api/questionnaires/${id}`)).status,
        };
        expect(seen, role).toEqual({
          list: sees,
          userFilter: sees,
          owners: sees,
          export: true,
          exportHas: sees,
          page: sees ? 200 : 404,
        });
      }
      // The un-shared colleague sees only their own; the other organisation sees none of this one's.
      const peer = await as(world.peer);
      expect(((await peer.get('/api/questionnaires/owners')).body as { id: string }[]).map((o) => o.id)).toEqual([
        world.peer.id,
      ]);
      const outsider = await as(world.outsider);
      const outsiderBook = await download(outsider);
      expect(sheetReferences(outsiderBook, QUESTIONNAIRE_TABS.pending)).toHaveLength(1);
      expect(sheetReferences(outsiderBook, QUESTIONNAIRE_TABS.review)).toEqual([]);
      expect(sheetReferences(outsiderBook, QUESTIONNAIRE_TABS.completed)).toEqual([]);
    });

    it('asks an anonymous caller to sign in', async () => {
      const anonymous = new ApiCaller(suite.sys.app);
      for (const path of ['/api/questionnaires', '/api/questionnaires/owners', '/api/questionnaires/export.xlsx'])
        expect((await anonymous.get(path)).status, path).toBe(401);
    });
  });
});
