import { describe, expect, it } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { makePdf } from '../helpers/files.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

const REVIEW_MS = 3_000;
const suite = apiSuite({ system: { durations: { employeeReview: REVIEW_MS } } });
const { as } = suite;
let n = 0;

async function openCase(seesFirst: boolean) {
  const employeeEmail = `letter${++n}-${suite.world.tag}@home.test`;
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeEmail, employeeSeesReportFirst: seesFirst ? 'Yes' : 'No' }),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await as(suite.world.clinician);
  const { body: accepted } = await clinician.post(`/api/triage/${body.id}/accept`, {});
  return { id: body.id as string, caseNumber: accepted.caseNumber as string, employeeEmail, referrer, clinician };
}
const letters = async (caller: ApiCaller, id: string) =>
  (await caller.get(`/api/cases/${id}/letters`)).body.letters as {
    id: string;
    state: string;
    canDownload: boolean;
    released: boolean;
  }[];
/** The audit rows of downloads of a letter's PDF. */
async function downloads(letterId: string) {
  const { documentId } = await suite.sys.db('advice_letters').where({ id: letterId }).first('documentId');
  return suite.sys
    .db('audit_log')
    .where({ targetType: 'document', targetId: documentId })
    .orderBy('id')
    .select('action', 'actorId', 'detail');
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function reviewToken(email: string) {
  const mail = await suite.sys.mail.waitFor(
    (m) => m.to.includes(email) && m.subject === 'Your occupational health advice letter is ready for you to check',
  );
  return /token=([a-z0-9]+)/.exec(mail.text)![1]!;
}

async function uploadLetter(
  caller: ApiCaller,
  id: string,
  name: string,
  bytes: Uint8Array | null,
  employeeReview?: 'true' | 'false',
) {
  const form = new FormData();
  if (bytes) form.set('file', new File([Buffer.from(bytes)], name));
  if (employeeReview) form.set('employeeReview', employeeReview);
  return caller.upload(`/api/cases/${id}/letters/upload`, form);
}

describe('advice letters', () => {
  it('is rendered to PDF and released at once when the employee did not ask to see it first', async () => {
    const { id, caseNumber, referrer, clinician } = await openCase(false);
    expect((await clinician.post(`/api/cases/${id}/letters`, { body: '   ' })).status).toBe(400);
    const issued = await clinician.post(`/api/cases/${id}/letters`, {
      body: 'The employee is fit for work.\n\nReview in six weeks.',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.released).toBe(true);
    const [letter] = await letters(referrer, id);
    expect(letter).toMatchObject({ released: true, state: 'Released', canDownload: true });
    const pdf = await referrer.raw(`/api/cases/${id}/letters/${letter!.id}/document`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Every read of a document is audited: who, which document, which case.
    expect(await downloads(letter!.id)).toEqual([
      { action: 'document.downloaded', actorId: suite.world.referrer.id, detail: { referralId: id } },
    ]);
    await suite.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === `Advice letter available: case ${caseNumber}`,
    );
    expect((await (await as(suite.world.peer)).get(`/api/cases/${id}/letters`)).status).toBe(404);
  });

  it('shows "Awaiting employee response" until the employee confirms it is accurate, then releases it', async () => {
    const { id, caseNumber, employeeEmail, referrer, clinician } = await openCase(true);
    expect(
      (await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work with adjustments.' })).body.released,
    ).toBe(false);
    const [held] = await letters(referrer, id);
    expect(held).toMatchObject({ released: false, state: 'Awaiting employee response', canDownload: false });
    const refused = await referrer.raw(`/api/cases/${id}/letters/${held!.id}/document`);
    expect(refused.status).toBe(409);
    expect((await letters(clinician, id))[0]!.canDownload).toBe(true);

    const token = await reviewToken(employeeEmail);
    const anon = new ApiCaller(suite.sys.app);
    expect((await anon.get(`/api/employee/letter?token=${token}`)).body).toEqual({
      employer: `Client ${suite.world.tag}`,
    });
    expect((await anon.get('/api/employee/letter?token=not-a-real-token')).status).toBe(400);
    const own = await anon.raw(`/api/employee/letter/document?token=${token}`);
    expect(own.status).toBe(200);
    expect(await downloads(held!.id)).toEqual([
      { action: 'document.downloaded_by_employee', actorId: null, detail: null },
    ]);
    expect((await anon.post('/api/employee/letter', { token, response: 'accurate' })).status).toBe(204);
    await suite.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === `Advice letter available: case ${caseNumber}`,
    );
    expect((await letters(referrer, id))[0]).toMatchObject({ released: true, canDownload: true });
    expect((await anon.post('/api/employee/letter', { token, response: 'accurate' })).status).toBe(400);
    // Once answered, the link says so before anything else.
    const used = await anon.get(`/api/employee/letter?token=${token}`);
    expect(used.status).toBe(400);
    expect(used.body.error.message).toMatch(/expired or has already been used/);
  });

  it('releases it when the review period passes without an answer, even after the case is closed', async () => {
    const { id, referrer, clinician } = await openCase(true);
    await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work.' });
    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Advice given' });
    const result = await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();
    expect(result.status).toBe('closed');
    expect((await letters(referrer, id))[0]).toMatchObject({ released: true });
    await recordHistory(suite.sys.temporal, 'referral-letter-review-expired-closed', workflowId.referral(id));
  });

  it('holds it when the employee asks for a correction', async () => {
    const { id, employeeEmail, referrer, clinician } = await openCase(true);
    await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work.' });
    const token = await reviewToken(employeeEmail);
    expect(
      (await new ApiCaller(suite.sys.app).post('/api/employee/letter', { token, response: 'correction' })).status,
    ).toBe(204);
    await sleep(REVIEW_MS + 1_500);
    expect((await letters(referrer, id))[0]).toMatchObject({
      released: false,
      state: 'Correction requested by the employee',
      canDownload: false,
    });
  });

  it('can only be issued on an open case', async () => {
    const referrer = await as(suite.world.referrer);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    await referrer.post(`/api/referrals/${body.id}/submit`);
    expect(
      (await (await as(suite.world.clinician)).post(`/api/cases/${body.id}/letters`, { body: 'Too early.' })).status,
    ).toBe(409);
  });

  it('is never reachable through the referral documents routes, so a held letter stays held', async () => {
    const { id, referrer, clinician } = await openCase(true);
    expect((await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work.' })).body.released).toBe(false);
    const { documentId } = await suite.sys.db('advice_letters').where({ referralId: id }).first('documentId');
    expect((await referrer.get(`/api/referrals/${id}/documents`)).body.documents).toEqual([]);
    expect((await referrer.raw(`/api/referrals/${id}/documents/${documentId}`)).status).toBe(404);
  });

  describe('previewed before issuing', () => {
    /** Everything issuing would leave behind: stored letters and documents, emails, links, the workflow's history. */
    async function traces(id: string) {
      const count = async (table: string) =>
        Number((await suite.sys.db(table).where({ referralId: id }).count({ n: '*' }).first())!.n);
      const history = await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).fetchHistory();
      return {
        letters: await count('advice_letters'),
        documents: await count('documents'),
        links: await count('employee_links'),
        mails: suite.sys.mail.messages().length,
        events: history.events?.length,
      };
    }

    it('is the PDF issuing would make, and stores, issues and sends nothing', async () => {
      const { id, caseNumber, clinician } = await openCase(true);
      const before = await traces(id);
      const res = await clinician.raw(`/api/cases/${id}/letters/preview`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'http://localhost:3000',
          'sec-fetch-site': 'same-origin',
        },
        body: JSON.stringify({ body: 'The employee is fit for work.\n\nReview in six weeks.' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename*=UTF-8''${encodeURIComponent(`Preview of Advice letter ${caseNumber.replace(/\//g, '-')}.pdf`)}`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await traces(id)).toEqual(before);
      expect(await letters(clinician, id)).toEqual([]);
    });

    it('is refused as issuing would be: an empty letter, a case not open, anyone but a clinician', async () => {
      const { id, clinician, referrer } = await openCase(false);
      const empty = await clinician.post(`/api/cases/${id}/letters/preview`, { body: '  \n ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error.fields.body).toBe('Write the letter');
      expect((await referrer.post(`/api/cases/${id}/letters/preview`, { body: 'Fit for work.' })).status).toBe(403);
      const pending = await referrer.post('/api/referrals', {
        formKey: 'management-referral',
        formData: completeManagementReferral(),
      });
      await referrer.post(`/api/referrals/${pending.body.id}/submit`);
      const early = await clinician.post(`/api/cases/${pending.body.id}/letters/preview`, { body: 'Too early.' });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toBe('A letter can only be issued on an open case.');
    });
  });

  describe('uploaded as a PDF', () => {
    it('is released at once without review, under its own name, with the bytes as uploaded', async () => {
      const { id, caseNumber, referrer, clinician } = await openCase(false);
      const letter = await makePdf('Fit for work. Written in our own template.');
      const issued = await uploadLetter(clinician, id, 'C:\\letters\\Advice "final".pdf', letter);
      expect(issued.status).toBe(201);
      expect(issued.body.released).toBe(true);
      const [shown] = await letters(referrer, id);
      expect(shown).toMatchObject({ id: issued.body.id, released: true, state: 'Released', canDownload: true });
      const download = await referrer.raw(`/api/cases/${id}/letters/${issued.body.id}/document`);
      expect(download.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('Advice final.pdf')}`,
      );
      expect(Buffer.from(await download.arrayBuffer()).equals(letter)).toBe(true);
      await suite.sys.mail.waitFor(
        (m) => m.to.includes(suite.world.referrer.email) && m.subject === `Advice letter available: case ${caseNumber}`,
      );
    });

    it('is held as "Awaiting employee response" when employeeReview is true, and the employee reads the same bytes', async () => {
      const { id, employeeEmail, referrer, clinician } = await openCase(false);
      const letter = await makePdf('Fit for work with adjustments.');
      const issued = await uploadLetter(clinician, id, 'letter.pdf', letter, 'true');
      expect(issued.status).toBe(201);
      expect(issued.body.released).toBe(false);
      expect((await letters(referrer, id))[0]).toMatchObject({
        released: false,
        state: 'Awaiting employee response',
        canDownload: false,
      });
      expect((await referrer.raw(`/api/cases/${id}/letters/${issued.body.id}/document`)).status).toBe(409);
      const own = await new ApiCaller(suite.sys.app).raw(
        `/api/employee/letter/document?token=${await reviewToken(employeeEmail)}`,
      );
      expect(Buffer.from(await own.arrayBuffer()).equals(letter)).toBe(true);
    });

    it('refuses what is not a PDF by content, an empty or missing file, and one over 10 MB, storing nothing', async () => {
      const { id, clinician } = await openCase(false);
      const notPdf = await uploadLetter(
        clinician,
        id,
        'letter.docx',
        Buffer.from('Dear Sir or Madam,\nThe employee is fit for work.\n'),
      );
      expect(notPdf.status).toBe(400);
      expect(notPdf.body.error.fields.file).toBe('The advice letter must be a PDF');
      expect(
        (await uploadLetter(clinician, id, 'renamed.pdf', Buffer.from('Plain text called .pdf'))).body.error.fields
          .file,
      ).toBe('The advice letter must be a PDF');
      expect((await uploadLetter(clinician, id, 'empty.pdf', new Uint8Array())).body.error.fields.file).toBe(
        'The selected file is empty',
      );
      expect((await uploadLetter(clinician, id, 'none', null)).body.error.fields.file).toBe('Select a file to upload');
      // Just over 10 MB is refused once read; far over, by the body limit before it is read.
      for (const extra of [1, 128 * 1024]) {
        const big = await uploadLetter(
          clinician,
          id,
          'big.pdf',
          Buffer.concat([await makePdf('Big'), Buffer.alloc(10 * 1024 * 1024 + extra)]),
        );
        expect(big.status).toBe(400);
        expect(big.body.error.fields.file).toBe('The selected file must be smaller than 10 MB');
      }
      expect(await suite.sys.db('advice_letters').where({ referralId: id })).toEqual([]);
    });

    it('can only be uploaded by a clinician', async () => {
      const { id, referrer } = await openCase(false);
      expect((await uploadLetter(referrer, id, 'letter.pdf', await makePdf('Not mine to write.'))).status).toBe(403);
      expect(await suite.sys.db('advice_letters').where({ referralId: id })).toEqual([]);
    });
  });
});
