import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import { CONSENT_DECLINED_OUTCOME, monthLabel, previousMonth } from '../../domain/mi.ts';
import { ensureMiPackSchedule } from '../../services/mi-schedule.ts';
import { hashPassword } from '../../services/passwords.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { insertAdviceLetter, PASSWORD } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import type { ApiCaller } from '../helpers/http.ts';

/**
 * Management information against a small dataset whose figures were worked out by hand (below), never
 * against the SQL that computes them: which cases count (visibility), the three tabs, the 403 matrix,
 * the monthly packs (schedule triggered, files opened) and the library.
 */
const suite = apiSuite();
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

type Fixture = {
  org: string;
  owner: string;
  form: 'management-referral' | 'ihr1';
  status: string;
  sent: Date;
  accepted?: Date;
  outcome?: string;
  location?: string | null;
  department?: string | null;
  appointments?: { at: Date; status: 'open' | 'closed' | 'dna' | 'canx' }[];
  letter?: Date;
};

let ids: Record<string, string> = {};
let providerAdmin: { username: string };

async function insertCase(name: string, f: Fixture) {
  const { db } = suite.sys;
  const id = randomUUID();
  const form = await db('form_types').where({ key: f.form }).first('id');
  await db('referrals').insert({
    id,
    organisationId: f.org,
    formTypeId: form.id,
    authorId: f.owner,
    ownerId: f.owner,
    status: f.status,
    caseNumber: f.status === 'pending_triage' || f.status === 'draft' ? null : `MI/${randomBytes(4).toString('hex')}`,
    submittedAt: f.status === 'draft' ? null : f.sent,
    acceptedAt: f.accepted ?? null,
    outcome: f.outcome ?? null,
    locationId: f.location ?? null,
    departmentId: f.department ?? null,
  });
  for (const a of f.appointments ?? []) {
    await db('case_actions').insert({
      id: randomUUID(),
      referralId: id,
      kind: 'appointment',
      scheduledAt: a.at,
      status: a.status,
    });
  }
  if (f.letter) await insertAdviceLetter(db, id, f.letter);
  ids[name] = id;
}

beforeAll(async () => {
  const w = suite.world;
  const leeds = w.client.locations.Leeds!;
  const york = w.client.locations.York!;
  const claims = w.client.departments.Claims!;
  const now = Date.now();
  ids = {};
  // R1: referrer, sent 5 Oct; triaged after 1 day, first appointment after 7, letter after 15; closed.
  await insertCase('R1', {
    org: w.client.id,
    owner: w.referrer.id,
    form: 'management-referral',
    status: 'closed',
    outcome: 'Fit for work',
    sent: at('2026-10-05T09:00:00Z'),
    accepted: at('2026-10-06T09:00:00Z'),
    location: leeds,
    department: claims,
    appointments: [{ at: at('2026-10-12T09:00:00Z'), status: 'closed' }],
    letter: at('2026-10-20T09:00:00Z'),
  });
  // R2: referrer, sent 2 Nov; triage 3 days; a missed appointment after 7 (still the first), rebooked; letter 28.
  await insertCase('R2', {
    org: w.client.id,
    owner: w.referrer.id,
    form: 'management-referral',
    status: 'closed',
    outcome: 'Fit for work',
    sent: at('2026-11-02T09:00:00Z'),
    accepted: at('2026-11-05T09:00:00Z'),
    location: york,
    appointments: [
      { at: at('2026-11-09T09:00:00Z'), status: 'dna' },
      { at: at('2026-11-16T09:00:00Z'), status: 'closed' },
    ],
    letter: at('2026-11-30T09:00:00Z'),
  });
  // R3: peer (not below manager), IHR, sent 10 Nov; triage 2 days; cancelled appointment; consent declined.
  await insertCase('R3', {
    org: w.client.id,
    owner: w.peer.id,
    form: 'ihr1',
    status: 'closed',
    outcome: CONSENT_DECLINED_OUTCOME,
    sent: at('2026-11-10T09:00:00Z'),
    accepted: at('2026-11-12T09:00:00Z'),
    location: leeds,
    department: claims,
    appointments: [{ at: at('2026-11-20T09:00:00Z'), status: 'canx' }],
  });
  // R4: waiting for triage, due (2 days) nearly a day ago: at risk, overdue.
  await insertCase('R4', {
    org: w.client.id,
    owner: w.peer.id,
    form: 'management-referral',
    status: 'pending_triage',
    sent: new Date(now - 3 * DAY + 3_600_000),
    location: leeds,
  });
  // R7: top's own, triaged, no appointment yet: due (10 days) in just over a day: at risk.
  await insertCase('R7', {
    org: w.client.id,
    owner: w.top.id,
    form: 'management-referral',
    status: 'triage_ima_required',
    sent: new Date(now - 9 * DAY + 3_600_000),
    accepted: new Date(now - 8 * DAY),
    location: york,
  });
  // Never counted: a draft, and another organisation's cases (two of them sent last month, for its pack).
  await insertCase('draft', {
    org: w.client.id,
    owner: w.referrer.id,
    form: 'management-referral',
    status: 'draft',
    sent: at('2026-11-03T09:00:00Z'),
  });
  const last = previousMonth(new Date());
  await insertCase('O1', {
    org: w.other.id,
    owner: w.outsider.id,
    form: 'management-referral',
    status: 'closed',
    outcome: 'Fit for work',
    sent: at(`${last}-03T10:00:00Z`),
    accepted: at(`${last}-05T10:00:00Z`),
  });
  await insertCase('O2', {
    org: w.other.id,
    owner: w.outsider.id,
    form: 'management-referral',
    status: 'pending_triage',
    sent: at(`${last}-06T10:00:00Z`),
  });
  const username = `padmin-${w.tag}`;
  await createUser(
    suite.sys.db,
    {
      username,
      email: `${username}@provider-${w.tag}.test`,
      passwordHash: await hashPassword(PASSWORD),
      firstName: 'Pat',
      surname: 'Admin',
    },
    [{ organisationId: w.provider.id, permissions: ['provider_admin'] }],
  );
  providerAdmin = { username };
});

const IN_RANGE = '?from=2026-10-01&to=2026-11-15';

describe('Live MI', () => {
  describe('referral volumes', () => {
    it('counts the sent cases the viewer may see, by month, status, case type, location and department', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.get(`/api/mi/volumes${IN_RANGE}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.byMonth).toEqual([
        { key: '2026-10', label: '2026-10', count: 1 },
        { key: '2026-11', label: '2026-11', count: 2 },
      ]);
      expect(res.body.byStatus).toEqual([{ key: 'closed', label: 'Closed', count: 3 }]);
      expect(res.body.byCaseType.map((c: { count: number }) => c.count)).toEqual([2, 1]);
      expect(res.body.byLocation.map((c: { label: string; count: number }) => [c.label, c.count])).toEqual([
        ['Leeds', 2],
        ['York', 1],
      ]);
      expect(res.body.byDepartment.map((c: { label: string; count: number }) => [c.label, c.count])).toEqual([
        ['Claims', 2],
        ['Not given', 1],
      ]);
    });

    it('counts every visible sent case without dates, and narrows by location', async () => {
      const top = await suite.as(suite.world.top);
      expect((await top.get('/api/mi/volumes')).body.total).toBe(5);
      const york = await top.get(`/api/mi/volumes?locationId=${suite.world.client.locations.York}`);
      expect(york.body.total).toBe(2);
      const claims = await top.get(`/api/mi/volumes${IN_RANGE}&departmentId=${suite.world.client.departments.Claims}`);
      expect(claims.body.total).toBe(2);
    });

    it('refuses an end date before the start date with a message', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.get('/api/mi/volumes?from=2026-11-15&to=2026-10-01');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('The start date must be on or before the end date.');
    });
  });

  describe('outcomes', () => {
    it('gives closed cases by outcome, and consent declined, DNA and cancellation rates', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.get(`/api/mi/outcomes${IN_RANGE}`);
      expect(res.status).toBe(200);
      expect(res.body.closedCases).toBe(3);
      expect(res.body.byOutcome.map((c: { label: string; count: number }) => [c.label, c.count])).toEqual([
        ['Fit for work', 2],
        [CONSENT_DECLINED_OUTCOME, 1],
      ]);
      expect(res.body.consentDeclined).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
      // Appointments with an outcome: R1 attended, R2 missed then attended, R3 cancelled.
      expect(res.body.dna).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
      expect(res.body.cancelled).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    });
  });

  describe('turnaround', () => {
    it('gives the median and 90th percentile days to each stage against the service levels', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.get(`/api/mi/turnaround${IN_RANGE}`);
      expect(res.status).toBe(200);
      expect(res.body.serviceLevels).toEqual({ triageDays: 2, firstAppointmentDays: 10, adviceLetterDays: 15 });
      const [triage, appointment, letter] = res.body.stages;
      // Triage after 1, 3 and 2 days: median 2; 90th percentile 2 + 0.8 × (3 − 2) = 2.8; two within 2 days.
      expect(triage).toMatchObject({ cases: 3, medianDays: 2, withinServiceLevel: 2, serviceLevelDays: 2 });
      expect(triage.p90Days).toBeCloseTo(2.8, 6);
      // First appointment after 7 and 7 days (R3's only one was cancelled).
      expect(appointment).toMatchObject({ cases: 2, medianDays: 7, p90Days: 7, withinServiceLevel: 2 });
      // Letters after 15 and 28 days: median 21.5; 90th percentile 15 + 0.9 × 13 = 26.7; one within 15.
      expect(letter).toMatchObject({ cases: 2, medianDays: 21.5, withinServiceLevel: 1 });
      expect(letter.p90Days).toBeCloseTo(26.7, 6);
    });

    it('lists the open cases at risk of breaching, most urgent first', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.get('/api/mi/turnaround');
      expect(
        res.body.atRisk.map((c: { id: string; stage: string; daysLeft: number }) => [c.id, c.stage, c.daysLeft]),
      ).toEqual([
        [ids.R4, 'triage', -1],
        [ids.R7, 'firstAppointment', 1],
      ]);
    });
  });

  describe('UK calendar', () => {
    it('counts a month and a day on UK time: BST around 1 April, GMT around 1 November', async () => {
      const { db } = suite.sys;
      const tag = randomBytes(4).toString('hex');
      const org = await createOrganisation(db, {
        code: `UK${tag}`.toUpperCase(),
        name: `UK time ${tag}`,
        verificationCode: `uk-${tag}`,
        caseNumberPrefix: `UK/${tag}`,
        emailDomains: [`uk-${tag}.test`],
        locations: ['Leeds'],
      });
      const username = `ukmi-${tag}`;
      const owner = await createUser(
        db,
        {
          username,
          email: `${username}@uk-${tag}.test`,
          passwordHash: await hashPassword(PASSWORD),
          firstName: 'Uma',
          surname: 'Viewer',
        },
        [{ organisationId: org.id, permissions: ['referrer', 'mi_viewer'] }],
      );
      const sent = (name: string, iso: string) =>
        insertCase(name, { org: org.id, owner, form: 'management-referral', status: 'pending_triage', sent: at(iso) });
      // BST began on 29 March 2026: 23:30 UTC on 31 March is 00:30 on 1 April in the UK.
      await sent('bst-april', '2026-03-31T23:30:00Z');
      await sent('bst-march', '2026-03-31T22:30:00Z');
      // GMT again from 25 October: UTC and UK time agree, 23:30 on 31 October is October.
      await sent('gmt-october', '2026-10-31T23:30:00Z');
      await sent('gmt-november', '2026-11-01T00:30:00Z');
      const viewer = await suite.as({ username });
      const all = await viewer.get('/api/mi/volumes');
      expect(all.body.byMonth).toEqual([
        { key: '2026-03', label: '2026-03', count: 1 },
        { key: '2026-04', label: '2026-04', count: 1 },
        { key: '2026-10', label: '2026-10', count: 1 },
        { key: '2026-11', label: '2026-11', count: 1 },
      ]);
      expect((await viewer.get('/api/mi/volumes?from=2026-04-01&to=2026-04-30')).body.total).toBe(1);
      expect((await viewer.get('/api/mi/volumes?from=2026-03-01&to=2026-03-31')).body.total).toBe(1);
      expect((await viewer.get('/api/mi/volumes?from=2026-10-31&to=2026-10-31')).body.total).toBe(1);
      expect((await viewer.get('/api/mi/volumes?from=2026-11-01&to=2026-11-30')).body.total).toBe(1);
    });
  });

  describe('who may see MI', () => {
    const routes = [
      '/api/mi/filters',
      `/api/mi/volumes${IN_RANGE}`,
      `/api/mi/outcomes${IN_RANGE}`,
      `/api/mi/turnaround${IN_RANGE}`,
      '/api/mi/volumes/export',
      '/api/mi/outcomes/export',
      '/api/mi/turnaround/export',
      '/api/mi/packs',
      `/api/mi/packs/${randomUUID()}/pdf`,
    ];

    it('refuses every MI route to a user without the MI viewer permission, then allows them once granted', async () => {
      const { db } = suite.sys;
      const manager = await suite.as(suite.world.manager);
      for (const route of routes) expect([route, (await manager.get(route)).status]).toEqual([route, 403]);
      await db('memberships')
        .where({ userId: suite.world.manager.id, organisationId: suite.world.client.id })
        .update({ permissions: db.raw(`array_append(permissions, 'mi_viewer')`) });
      // The grant counts from the next request, in the same session.
      for (const route of routes.slice(0, -1)) expect([route, (await manager.get(route)).status]).toEqual([route, 200]);
      expect((await manager.get(routes.at(-1)!)).status).toBe(404);
      // The manager sees R1 and R2 (the referrer's, below them), never the peer's or the top's.
      const volumes = await manager.get(`/api/mi/volumes${IN_RANGE}`);
      expect(volumes.body.total).toBe(2);
      expect((await manager.get('/api/mi/volumes')).body.total).toBe(2);
      expect((await manager.get('/api/mi/turnaround')).body.atRisk).toEqual([]);
    });

    it('refuses a run again to anyone but a provider admin', async () => {
      const top = await suite.as(suite.world.top);
      const body = { organisationId: suite.world.client.id, month: '2026-10' };
      expect((await top.post('/api/mi/packs/run', body)).status).toBe(403);
    });
  });

  describe('exports', () => {
    it('exports each tab to Excel with the same figures, and audits it', async () => {
      const top = await suite.as(suite.world.top);
      const res = await top.raw(`/api/mi/outcomes/export${IN_RANGE}`);
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      const rows = sheetRows(book.getWorksheet('Outcomes and attendance')!);
      expect(rows).toContainEqual(['Consent declined (of cases accepted)', 1, 3, '33.3%']);
      expect(rows).toContainEqual(['Closed cases', 3]);
      const audit = await suite.sys.db('audit_log').where({ actorId: suite.world.top.id, action: 'mi.exported' });
      expect(audit.length).toBeGreaterThan(0);
    });
  });
});

const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

async function pdfText(bytes: ArrayBuffer | Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

describe('Previous MI: monthly packs', () => {
  it('builds every organisation’s pack when the schedule fires, listed to its MI viewers and audited when downloaded', async () => {
    const { temporal, taskQueue, db } = suite.sys;
    const scheduleId = `mi-packs-test-${suite.world.tag}`;
    expect(await ensureMiPackSchedule(temporal, { taskQueue, scheduleId })).toBe('created');
    expect(await ensureMiPackSchedule(temporal, { taskQueue, scheduleId })).toBe('exists');
    const schedule = temporal.schedule.getHandle(scheduleId);
    try {
      await schedule.trigger();
      let runId: string | undefined;
      while (!runId) {
        const described = await schedule.describe();
        runId = described.info.recentActions[0]?.action.workflow.workflowId;
        if (!runId) await new Promise((r) => setTimeout(r, 200));
      }
      const result = await temporal.workflow.getHandle(runId).result();
      await recordHistory(temporal, 'mi-pack-scheduled', runId);
      const month = previousMonth(new Date());
      expect(result.month).toBe(month);

      const outsider = suite.world.outsider;
      await db('memberships')
        .where({ userId: outsider.id, organisationId: suite.world.other.id })
        .update({ permissions: ['referrer', 'mi_viewer'] });
      const viewer = await suite.as(outsider);
      const list = await viewer.get('/api/mi/packs');
      expect(list.body.packs.map((p: { month: string }) => p.month)).toContain(month);
      const pack = list.body.packs.find((p: { month: string }) => p.month === month);

      const xlsx = await viewer.raw(`/api/mi/packs/${pack.id}/xlsx`);
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        'Referral volumes',
        'Outcomes and attendance',
        'Turnaround times',
      ]);
      const volumes = sheetRows(book.getWorksheet('Referral volumes')!);
      expect(volumes).toContainEqual(['Referrals sent', 2]);
      expect(volumes).toContainEqual(['Closed', 1]);
      expect(volumes).toContainEqual(['Pending Triage', 1]);
      const turnaround = sheetRows(book.getWorksheet('Turnaround times')!);
      expect(turnaround).toContainEqual(['Referral to triage', 1, '2', '2', 2, 1]);

      const pdf = await viewer.raw(`/api/mi/packs/${pack.id}/pdf`);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(await pdf.arrayBuffer());
      expect(text).toContain(`Management information: ${monthLabel(month)}`);
      expect(text).toContain('Referrals sent: 2');
      expect(text).toContain('Referrals by status'); // a chart's title, drawn from its SVG
      expect(text).toContain('Referral to triage: median 2 days');

      const audit = await db('audit_log').where({ actorId: outsider.id, action: 'mi_pack.downloaded' });
      expect(audit.map((a) => a.detail.format).sort()).toEqual(['pdf', 'xlsx']);
      // Another organisation's MI viewer cannot fetch it.
      expect((await (await suite.as(suite.world.top)).raw(`/api/mi/packs/${pack.id}/pdf`)).status).toBe(404);
    } finally {
      await schedule.delete();
    }
  });

  it('lets a provider admin build one organisation’s pack again on demand', async () => {
    const admin = await suite.as(providerAdmin);
    const res = await admin.post('/api/mi/packs/run', { organisationId: suite.world.client.id, month: '2026-10' });
    expect(res.status).toBe(202);
    await suite.sys.temporal.workflow.getHandle(res.body.workflowId).result();
    await recordHistory(suite.sys.temporal, 'mi-pack-run-again', res.body.workflowId);
    const top = await suite.as(suite.world.top);
    const pack = (await top.get('/api/mi/packs')).body.packs.find((p: { month: string }) => p.month === '2026-10');
    const text = await pdfText(await (await top.raw(`/api/mi/packs/${pack.id}/pdf`)).arrayBuffer());
    expect(text).toContain('Management information: October 2026');
    expect(text).toContain('Referrals sent: 1');
    expect(text).toContain('Referral to advice letter: median 15 days');
    const again = await admin.post('/api/mi/packs/run', { organisationId: suite.world.client.id, month: '2099-01' });
    expect(again.status).toBe(400);
  });
});

describe('Library', () => {
  const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  async function publish(caller: ApiCaller, name: string, bytes: Uint8Array, title = 'Guide to referrals') {
    const form = new FormData();
    form.set('title', title);
    form.set('file', new File([new Uint8Array(bytes)], name));
    return caller.upload(`/api/library/organisations/${suite.world.client.id}/documents`, form);
  }

  it('refuses a file that is not a document by its content, whatever its name', async () => {
    const admin = await suite.as(providerAdmin);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await publish(admin, 'guide.pdf', png);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.file).toContain('must be a Word document');
  });

  it('publishes to one organisation, whose users list and download it, audited; others cannot', async () => {
    const admin = await suite.as(providerAdmin);
    const published = await publish(admin, 'guide.pdf', pdfBytes);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ title: 'Guide to referrals', contentType: 'application/pdf' });
    const referrer = await suite.as(suite.world.referrer);
    expect((await referrer.get('/api/library')).body.documents.map((d: { id: string }) => d.id)).toContain(
      published.body.id,
    );
    const download = await referrer.raw(`/api/library/${published.body.id}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdfBytes);
    const audit = await suite.sys.db('audit_log').where({
      actorId: suite.world.referrer.id,
      action: 'library.downloaded',
      targetId: published.body.id,
    });
    expect(audit).toHaveLength(1);
    const outsider = await suite.as(suite.world.outsider);
    expect((await outsider.raw(`/api/library/${published.body.id}`)).status).toBe(404);
    expect((await publish(referrer, 'guide.pdf', pdfBytes)).status).toBe(403);
  });
});
