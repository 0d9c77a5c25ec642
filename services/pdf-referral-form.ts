import { loadPdfKit } from './pdf-kit.ts';
import type { FormData, FormDefinition } from '../domain/forms.ts';

export type ReferralFormPdf = {
  definition: FormDefinition;
  data: FormData;
  /** The case number, or the referral's short reference before it has one. */
  reference: string;
  organisation: string;
  submittedAt: Date | null;
};

const LONDON = { timeZone: 'Europe/London' } as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An answer as the portal shows it: dates in words, nothing blank. */
function answer(type: string, value: string | undefined): string {
  if (!value?.trim()) return 'Not provided';
  const date = type === 'date' ? DATE.exec(value.trim()) : null;
  if (!date) return value;
  const at = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
  return at.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * The referral form as it was sent: every question of its definition with the answer stored, step by
 * step, with "Page n of m" on every page. pdfkit's standard fonts, so nothing is fetched.
 */
export async function renderReferralForm(form: ReferralFormPdf): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 72, left: 64, right: 64 },
      bufferPages: true,
      info: { Title: `${form.definition.name} ${form.reference}`, Author: form.organisation },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(16).text(form.definition.name);
    doc.font('Helvetica').fontSize(9).fillColor('#505a5f').text('Occupational Health Referral - Confidential');
    doc.moveDown();
    doc.fillColor('black').fontSize(11);
    doc.text(`Reference: ${form.reference}`);
    doc.text(`Organisation: ${form.organisation}`);
    const sent = form.submittedAt
      ? form.submittedAt.toLocaleString('en-GB', { ...LONDON, dateStyle: 'long', timeStyle: 'short' })
      : 'Not submitted';
    doc.text(`Submitted: ${sent}`).moveDown();

    for (const step of form.definition.steps) {
      if (step.fields.length === 0) continue;
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(step.title).moveDown(0.3);
      for (const field of step.fields) {
        doc.font('Helvetica-Bold').fontSize(10).text(field.label);
        doc.font('Helvetica').fontSize(10).text(answer(field.type, form.data[field.name])).moveDown(0.4);
      }
    }

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0;
      doc
        .fontSize(9)
        .fillColor('#505a5f')
        .text(`${form.reference}  -  Page ${i + 1} of ${range.count}`, 64, doc.page.height - 48, {
          align: 'center',
          width: doc.page.width - 128,
        });
    }
    doc.end();
  });
}
