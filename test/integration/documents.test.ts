import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import type { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;

function pdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Occupational health report');
    doc.end();
  });
}
async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Absence').addRow(['Date', 'Days']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Sends a multipart upload the way the portal's form does. */
async function upload(caller: ApiCaller, referralId: string, name: string, bytes: Uint8Array, slot?: string) {
  const form = new FormData();
  form.set('file', new File([Buffer.from(bytes)], name));
  if (slot) form.set('slot', slot);
  return caller.upload(`/api/referrals/${referralId}/documents`, form);
}

async function draft(caller: ApiCaller, formKey = 'management-referral') {
  const res = await caller.post('/api/referrals', { formKey, formData: completeManagementReferral() });
  return res.body.id as string;
}

describe('supporting documents', () => {
  it('accepts PDF, Excel and text by their content, and keeps them encrypted at rest', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const report = await pdf();
    const uploaded = await upload(referrer, id, 'report.pdf', report);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      filename: 'report.pdf',
      contentType: 'application/pdf',
      size: report.length,
    });
    expect((await upload(referrer, id, 'absence.xlsx', await xlsx())).body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await upload(referrer, id, 'notes.txt', Buffer.from('Notes from the meeting.\n'))).body.contentType).toBe(
      'text/plain',
    );

    const stored = await suite.sys.db('documents').where({ id: uploaded.body.id }).first();
    expect(stored.ciphertext.includes(Buffer.from('%PDF'))).toBe(false);
    const download = await referrer.raw(`/api/referrals/${id}/documents/${uploaded.body.id}`);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''report.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(report)).toBe(true);
    expect(
      await suite.sys.db('audit_log').where({ action: 'document.downloaded', targetId: uploaded.body.id }).first(),
    ).toBeDefined();
  });

  it('judges by content, not by name: a picture called .pdf is refused with a clear message', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const res = await upload(referrer, id, 'scan.pdf', PNG);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.file).toBe(
      'The selected file must be a Word document, an Excel workbook, a plain text file or a PDF.',
    );
    expect((await upload(referrer, id, 'empty.txt', new Uint8Array())).body.error.fields.file).toBe(
      'The selected file is empty',
    );
  });

  it('refuses a file over 10 MB and a sixth document', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const big = await upload(referrer, id, 'big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/smaller than 10 MB/);
    for (let i = 0; i < 5; i++)
      expect((await upload(referrer, id, `n${i}.txt`, Buffer.from(`note ${i}`))).status).toBe(201);
    const sixth = await upload(referrer, id, 'n6.txt', Buffer.from('note 6'));
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.message).toMatch(/up to 5 supporting documents/);
  });

  it('fills the five ordered IHR1 slots, one document each', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer, 'ihr1');
    expect((await upload(referrer, id, 'a.txt', Buffer.from('application'))).body.error.fields.slot).toBeDefined();
    expect((await upload(referrer, id, 'a.txt', Buffer.from('application'), 'application')).status).toBe(201);
    expect((await upload(referrer, id, 'b.txt', Buffer.from('again'), 'application')).status).toBe(409);
    const list = await referrer.get(`/api/referrals/${id}/documents`);
    expect(list.body.documents.map((d: { slot: string }) => d.slot)).toEqual(['application']);
  });

  it('lets only the author change a draft’s documents, and hides them from those who may not see the case', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const doc = await upload(referrer, id, 'n.txt', Buffer.from('note'));
    const manager = await as(suite.world.manager);
    expect((await manager.get(`/api/referrals/${id}/documents`)).status).toBe(404);
    const peer = await as(suite.world.peer);
    expect((await peer.get(`/api/referrals/${id}/documents/${doc.body.id}`)).status).toBe(404);
    await referrer.post(`/api/referrals/${id}/submit`);
    expect((await manager.get(`/api/referrals/${id}/documents`)).body.documents).toHaveLength(1);
    expect((await referrer.request('DELETE', `/api/referrals/${id}/documents/${doc.body.id}`)).status).toBe(409);
  });

  it('lets a clinician read a pending referral’s documents at triage, and audits each download', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const report = await pdf();
    const doc = await upload(referrer, id, 'gp-report.pdf', report);
    const clinician = await as(suite.world.clinician);
    // Not before it reaches the provider: a draft is its author's alone.
    expect((await clinician.get(`/api/referrals/${id}/documents`)).status).toBe(404);
    await referrer.post(`/api/referrals/${id}/submit`);
    expect((await clinician.get(`/api/referrals/${id}`)).body.status).toBe('pending_triage');

    const list = await clinician.get(`/api/referrals/${id}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.documents).toEqual([
      expect.objectContaining({ id: doc.body.id, filename: 'gp-report.pdf', contentType: 'application/pdf' }),
    ]);
    const download = await clinician.raw(`/api/referrals/${id}/documents/${doc.body.id}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(report)).toBe(true);
    const audited = await suite.sys
      .db('audit_log')
      .where({ action: 'document.downloaded', targetId: doc.body.id })
      .select('actorId', 'detail');
    expect(audited).toEqual([{ actorId: suite.world.clinician.id, detail: { referralId: id } }]);
  });

  it('removes a document from a draft', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    const doc = await upload(referrer, id, 'n.txt', Buffer.from('note'));
    expect((await referrer.request('DELETE', `/api/referrals/${id}/documents/${doc.body.id}`)).status).toBe(204);
    expect((await referrer.get(`/api/referrals/${id}/documents`)).body.documents).toEqual([]);
  });
});
