import { loadPdfKit } from './pdf-kit.ts';
import { LETTER_CLOSING, letterOpening } from '../domain/advice-letters.ts';

export type AdviceLetter = {
  providerName: string;
  caseNumber: string;
  date: Date;
  addressee: string;
  employeeName: string;
  body: string;
  clinicianName: string;
};

/**
 * An advice letter as PDF: letterhead, case number, date, and "Page n of m" on
 * every page. Built with pdfkit's standard fonts, so nothing is fetched.
 */
export async function renderAdviceLetter(letter: AdviceLetter): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 72, bottom: 72, left: 64, right: 64 },
      bufferPages: true,
      info: { Title: `Advice letter ${letter.caseNumber}`, Author: letter.providerName },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(16).text(letter.providerName);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#505a5f')
      .text('Occupational Health Advice - Confidential')
      .moveDown(1.5);
    doc.fillColor('black').fontSize(11);
    doc.text(`Case number: ${letter.caseNumber}`);
    doc.text(
      `Date: ${letter.date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })}`,
    );
    doc.text(`Employee: ${letter.employeeName}`).moveDown();
    doc.text(letterOpening(letter.addressee)).moveDown();
    for (const paragraph of letter.body.split(/\n{2,}/)) doc.text(paragraph.trim(), { align: 'left' }).moveDown();
    doc.moveDown().text(LETTER_CLOSING).moveDown(2).text(letter.clinicianName).text(letter.providerName);

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.height - 48;
      // Written inside the bottom margin, so it never pushes onto a new page.
      doc.page.margins.bottom = 0;
      doc
        .fontSize(9)
        .fillColor('#505a5f')
        .text(`${letter.caseNumber}  -  Page ${i + 1} of ${range.count}`, 64, bottom, {
          align: 'center',
          width: doc.page.width - 128,
        });
    }
    doc.end();
  });
}
