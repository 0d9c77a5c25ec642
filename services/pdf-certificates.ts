import { loadPdfKit } from './pdf-kit.ts';

export type FitCertificate = {
  providerName: string;
  reference: string;
  employeeName: string;
  jobTitle: string;
  questionnaire: string;
  outcome: string;
  date: Date;
};

/** The "fit" certificate of a reviewed questionnaire: who, for which role, the outcome; no health details. */
export async function renderFitCertificate(c: FitCertificate): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 64, right: 64 },
      info: { Title: `Certificate of fitness ${c.reference}`, Author: c.providerName },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text(c.providerName);
    doc.font('Helvetica').fontSize(9).fillColor('#505a5f').text('Occupational Health').moveDown(2);
    doc.fillColor('black').font('Helvetica-Bold').fontSize(20).text('Certificate of fitness').moveDown();
    doc.font('Helvetica').fontSize(12);
    doc.text(`Employee: ${c.employeeName}`);
    doc.text(`Role: ${c.jobTitle}`);
    doc.text(`Questionnaire: ${c.questionnaire}`);
    doc.text(`Reference: ${c.reference}`).moveDown();
    doc.font('Helvetica-Bold').text(`Outcome: ${c.outcome}`).font('Helvetica').moveDown();
    doc.text(
      `Date: ${c.date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })}`,
    );
    doc
      .moveDown(2)
      .fontSize(9)
      .fillColor('#505a5f')
      .text('This certificate records the occupational health outcome only. It contains no health information.');
    doc.end();
  });
}
