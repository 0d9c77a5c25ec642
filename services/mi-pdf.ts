import { loadPdfKit } from './pdf-kit.ts';
import { type MiChart, outcomeCharts, turnaroundCharts, volumeCharts } from '../domain/mi-charts.ts';
import {
  formatDays,
  formatRate,
  type OutcomesReport,
  type TurnaroundReport,
  type VolumesReport,
} from '../domain/mi.ts';

/**
 * A monthly pack's PDF summary: the headline figures as text and each Live MI chart drawn on the server
 * (ECharts' server-side SVG renderer, drawn into the page by svg-to-pdfkit). pdfkit's standard fonts only.
 */
export type MiPdfInput = {
  organisationName: string;
  title: string;
  scope: string;
  volumes: VolumesReport;
  outcomes: OutcomesReport;
  turnaround: TurnaroundReport;
};

const CHART_WIDTH = 480;
const CHART_HEIGHT = 260;

/** One chart as an SVG string, rendered without a browser. */
function chartSvg(
  echarts: typeof import('echarts'),
  chart: MiChart,
  width = CHART_WIDTH,
  height = CHART_HEIGHT,
): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption(chart.option);
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

export async function miPdf(input: MiPdfInput): Promise<Buffer> {
  // Loaded on the first pack, not at start: together some 70 MB a process carries only once it draws one.
  const [PDFDocument, echarts, { default: SVGtoPDF }] = await Promise.all([
    loadPdfKit(),
    import('echarts'),
    import('svg-to-pdfkit'),
  ]);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 56, right: 56 },
      info: { Title: input.title, Author: 'Casebook' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const draw = (chart: MiChart) => {
      if (doc.y + CHART_HEIGHT > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      SVGtoPDF(doc, chartSvg(echarts, chart), doc.page.margins.left, y, {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        fontCallback: (_family, bold) => (bold ? 'Helvetica-Bold' : 'Helvetica'),
      });
      doc.x = doc.page.margins.left;
      doc.y = y + CHART_HEIGHT + 12;
    };
    const section = (text: string) => {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(0.5).font('Helvetica-Bold').fontSize(14).text(text).font('Helvetica').fontSize(11).moveDown(0.3);
    };

    doc.font('Helvetica-Bold').fontSize(18).text(input.title);
    doc.font('Helvetica').fontSize(11).text(input.organisationName).text(input.scope).moveDown();

    const { volumes: v, outcomes: o, turnaround: t } = input;
    section('Referral volumes');
    doc.text(`Referrals sent: ${v.total}`);
    for (const s of v.byStatus) doc.text(`${s.label}: ${s.count}`);
    doc.moveDown(0.5);
    for (const chart of volumeCharts(v).filter((c) => c.key !== 'month')) draw(chart);

    section('Outcomes and attendance');
    doc.text(`Closed cases: ${o.closedCases}`);
    doc.text(
      `Consent declined: ${formatRate(o.consentDeclined)} (${o.consentDeclined.numerator} of ${o.consentDeclined.denominator})`,
    );
    doc.text(`Did not attend: ${formatRate(o.dna)} (${o.dna.numerator} of ${o.dna.denominator})`);
    doc.text(`Cancelled: ${formatRate(o.cancelled)} (${o.cancelled.numerator} of ${o.cancelled.denominator})`);
    doc.moveDown(0.5);
    for (const chart of outcomeCharts(o)) draw(chart);

    section('Turnaround times');
    for (const s of t.stages) {
      doc.text(
        `${s.label}: median ${formatDays(s.medianDays)} days, 90th percentile ${formatDays(s.p90Days)} days; ` +
          `service level ${s.serviceLevelDays} days, met by ${s.withinServiceLevel} of ${s.cases}`,
      );
    }
    doc.moveDown(0.5);
    for (const chart of turnaroundCharts(t)) draw(chart);
    doc.end();
  });
}
