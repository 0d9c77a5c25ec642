import type ExcelJS from 'exceljs';
import { loadExcelJs } from './excel.ts';
import {
  type Count,
  formatDays,
  formatRate,
  type OutcomesReport,
  type TurnaroundReport,
  type VolumesReport,
} from '../domain/mi.ts';

/**
 * Management information as an Excel workbook: one worksheet per Live MI tab given, each a set of titled
 * tables with the same figures the portal shows. A tab's export holds its own sheet; a monthly pack all three.
 */
export type MiWorkbookInput = {
  title: string;
  /** What the figures cover, in words ("Referrals sent 1 November 2026 to 30 November 2026"). */
  scope: string;
  volumes?: VolumesReport;
  outcomes?: OutcomesReport;
  turnaround?: TurnaroundReport;
};

type Sheet = ExcelJS.Worksheet;

function heading(sheet: Sheet, text: string, size = 12) {
  const row = sheet.addRow([text]);
  row.font = { bold: true, size };
}

function table(sheet: Sheet, title: string, header: string[], rows: (string | number)[][]) {
  heading(sheet, title);
  const head = sheet.addRow(header);
  head.font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  if (rows.length === 0) sheet.addRow(['None']);
  sheet.addRow([]);
}

const counts = (sheet: Sheet, title: string, label: string, list: Count[]) =>
  table(
    sheet,
    title,
    [label, 'Referrals'],
    list.map((c) => [c.label, c.count]),
  );

function start(book: ExcelJS.Workbook, name: string, input: MiWorkbookInput): Sheet {
  const sheet = book.addWorksheet(name);
  sheet.columns = [{ width: 44 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 18 }, { width: 22 }];
  heading(sheet, `${input.title}: ${name}`, 14);
  sheet.addRow([input.scope]);
  sheet.addRow([]);
  return sheet;
}

export async function miWorkbook(input: MiWorkbookInput): Promise<Buffer> {
  const book = new (await loadExcelJs()).Workbook();
  book.creator = 'Casebook';
  if (input.volumes) {
    const v = input.volumes;
    const sheet = start(book, 'Referral volumes', input);
    sheet.addRow(['Referrals sent', v.total]).font = { bold: true };
    sheet.addRow([]);
    counts(sheet, 'By month', 'Month', v.byMonth);
    counts(sheet, 'By status', 'Status', v.byStatus);
    counts(sheet, 'By case type', 'Case type', v.byCaseType);
    counts(sheet, 'By location', 'Location', v.byLocation);
    counts(sheet, 'By department', 'Department', v.byDepartment);
  }
  if (input.outcomes) {
    const o = input.outcomes;
    const sheet = start(book, 'Outcomes and attendance', input);
    table(
      sheet,
      'Rates',
      ['Measure', 'Count', 'Out of', 'Rate'],
      [
        [
          'Consent declined (of cases accepted)',
          o.consentDeclined.numerator,
          o.consentDeclined.denominator,
          formatRate(o.consentDeclined),
        ],
        [
          'Did not attend (of appointments held, missed or cancelled)',
          o.dna.numerator,
          o.dna.denominator,
          formatRate(o.dna),
        ],
        [
          'Cancelled (of appointments held, missed or cancelled)',
          o.cancelled.numerator,
          o.cancelled.denominator,
          formatRate(o.cancelled),
        ],
      ],
    );
    sheet.addRow(['Closed cases', o.closedCases]).font = { bold: true };
    sheet.addRow([]);
    counts(sheet, 'Closed cases by outcome', 'Outcome', o.byOutcome);
  }
  if (input.turnaround) {
    const t = input.turnaround;
    const sheet = start(book, 'Turnaround times', input);
    table(
      sheet,
      'Days from referral (calendar days)',
      ['Stage', 'Cases', 'Median days', '90th percentile days', 'Service level (days)', 'Within service level'],
      t.stages.map((s) => [
        s.label,
        s.cases,
        formatDays(s.medianDays),
        formatDays(s.p90Days),
        s.serviceLevelDays,
        s.withinServiceLevel,
      ]),
    );
    table(
      sheet,
      'Cases at risk of breaching a service level',
      ['Case', 'Waiting for', 'Due', 'Days left'],
      t.atRisk.map((c) => [c.reference, c.stageLabel, c.dueAt.slice(0, 10), c.daysLeft]),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
