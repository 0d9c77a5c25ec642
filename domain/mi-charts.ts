import type { EChartsOption } from 'echarts';
import type { Count, OutcomesReport, TurnaroundReport, VolumesReport } from './mi.ts';

/**
 * The charts of each Live MI tab as Apache ECharts options: plain data, drawn by the portal in the browser
 * and by the monthly pack's PDF on the server (SVG), so both show the same pictures. Each chart has a table
 * beside it with the same figures (a screen reader reads the table).
 */
export type MiChart = { key: string; title: string; option: EChartsOption };

/** GOV.UK colours: blue, orange, green, purple, red; each at least 3:1 against white. */
const COLOURS = ['#1d70b8', '#b54d00', '#00703c', '#4c2c92', '#d4351c'];
const TEXT = '#0b0c0c';
const FONT = 'Helvetica, Arial, sans-serif';

const base = (title: string): EChartsOption => ({
  animation: false,
  color: COLOURS,
  aria: { enabled: true },
  textStyle: { fontFamily: FONT, color: TEXT },
  title: { text: title, left: 0, textStyle: { fontSize: 16, fontWeight: 'bold', color: TEXT } },
  grid: { left: 8, right: 24, top: 48, bottom: 8, containLabel: true },
});

/** A bar per count; horizontal when the labels are long names. */
function barChart(
  title: string,
  counts: Count[],
  options: { horizontal?: boolean; series?: string } = {},
): EChartsOption {
  const labels = counts.map((c) => c.label);
  const values = counts.map((c) => c.count);
  const category = {
    type: 'category' as const,
    data: labels,
    axisLabel: { color: TEXT, width: 160, overflow: 'truncate' as const },
  };
  const value = { type: 'value' as const, minInterval: 1, axisLabel: { color: TEXT } };
  return {
    ...base(title),
    xAxis: options.horizontal ? value : category,
    yAxis: options.horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        name: options.series ?? 'Referrals',
        data: values,
        label: { show: true, position: options.horizontal ? 'right' : 'top', color: TEXT },
      },
    ],
  };
}

export function volumeCharts(v: VolumesReport): MiChart[] {
  return [
    { key: 'month', title: 'Referrals by month', option: barChart('Referrals by month', v.byMonth) },
    {
      key: 'status',
      title: 'Referrals by status',
      option: barChart('Referrals by status', v.byStatus, { horizontal: true }),
    },
    {
      key: 'case-type',
      title: 'Referrals by case type',
      option: barChart('Referrals by case type', v.byCaseType, { horizontal: true }),
    },
    {
      key: 'location',
      title: 'Referrals by location',
      option: barChart('Referrals by location', v.byLocation, { horizontal: true }),
    },
    {
      key: 'department',
      title: 'Referrals by department',
      option: barChart('Referrals by department', v.byDepartment, { horizontal: true }),
    },
  ];
}

const percent = (rate: number | null) => (rate === null ? 0 : Math.round(rate * 1000) / 10);

export function outcomeCharts(o: OutcomesReport): MiChart[] {
  const rates: EChartsOption = {
    ...base('Rates (%)'),
    xAxis: { type: 'category', data: ['Consent declined', 'Did not attend', 'Cancelled'], axisLabel: { color: TEXT } },
    yAxis: { type: 'value', max: 100, axisLabel: { color: TEXT, formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        name: 'Rate',
        data: [percent(o.consentDeclined.rate), percent(o.dna.rate), percent(o.cancelled.rate)],
        label: { show: true, position: 'top', color: TEXT, formatter: '{c}%' },
      },
    ],
  };
  return [
    { key: 'rates', title: 'Consent declined, did not attend and cancelled', option: rates },
    {
      key: 'outcome',
      title: 'Closed cases by outcome',
      option: barChart('Closed cases by outcome', o.byOutcome, { horizontal: true, series: 'Cases' }),
    },
  ];
}

export function turnaroundCharts(t: TurnaroundReport): MiChart[] {
  const stages = t.stages.map((s) => s.label);
  const days = (v: number | null) => (v === null ? 0 : Math.round(v * 10) / 10);
  const option: EChartsOption = {
    ...base('Days from referral'),
    legend: { top: 24, right: 0, textStyle: { color: TEXT } },
    grid: { left: 8, right: 24, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: stages, axisLabel: { color: TEXT } },
    yAxis: { type: 'value', axisLabel: { color: TEXT } },
    series: [
      { type: 'bar', name: 'Median', data: t.stages.map((s) => days(s.medianDays)) },
      { type: 'bar', name: '90th percentile', data: t.stages.map((s) => days(s.p90Days)) },
      { type: 'bar', name: 'Service level', data: t.stages.map((s) => s.serviceLevelDays) },
    ],
  };
  return [{ key: 'turnaround', title: 'Days from referral to each stage against the service levels', option }];
}
