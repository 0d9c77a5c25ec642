import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { browserSuite, heading, menu, signIn } from './support.ts';

const suite = browserSuite();

/** Reads a download the page starts with `click`. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await click();
  const chunks: Buffer[] = [];
  for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
  return { name: (await download).suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** The charts on the page, each drawn (an SVG inside) and named as an image. */
async function expectCharts(page: Page, titles: string[]) {
  const charts = page.locator('[role="img"][data-chart]');
  await expect.poll(() => charts.locator('svg').count(), { timeout: 30_000 }).toBe(titles.length);
  const labels = await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(labels).toEqual(titles.map((t) => `Chart: ${t}. The table that follows gives the same figures.`));
}

/** The rows of a table by its caption, as text cells (header row left out). */
async function rowsOf(page: Page, caption: string): Promise<string[][]> {
  const table = page.getByRole('table', { name: caption });
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td, th')].map((c) => (c.textContent ?? '').trim())));
}

async function workbookOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('Management Information in the browser', () => {
  beforeAll(async () => {
    const { db } = suite.portal.sys;
    const w = suite.world;
    const form = await db('form_types').where({ key: 'management-referral' }).first('id');
    const ihr = await db('form_types').where({ key: 'ihr1' }).first('id');
    // Three sent cases, worked out by hand: two in Leeds (one closed fit for work), one in York.
    const cases = [
      {
        form: form.id,
        status: 'closed',
        outcome: 'Fit for work',
        location: w.client.locations.Leeds,
        sent: '2026-10-05',
      },
      { form: form.id, status: 'triage_ima_required', location: w.client.locations.Leeds, sent: '2026-11-02' },
      { form: ihr.id, status: 'pending_triage', location: w.client.locations.York, sent: '2026-11-10' },
    ];
    for (const c of cases) {
      await db('referrals').insert({
        id: randomUUID(),
        organisationId: w.client.id,
        formTypeId: c.form,
        authorId: w.referrer.id,
        ownerId: w.referrer.id,
        status: c.status,
        caseNumber: c.status === 'pending_triage' ? null : `MIE/${randomBytes(4).toString('hex')}`,
        submittedAt: new Date(`${c.sent}T10:00:00Z`),
        acceptedAt: c.status === 'pending_triage' ? null : new Date(`${c.sent}T12:00:00Z`),
        outcome: c.outcome ?? null,
        locationId: c.location,
      });
    }
  });

  it('shows each Live MI tab as charts with their tables, filters them, and exports each tab to Excel', async () => {
    const { db } = suite.portal.sys;
    const w = suite.world;
    const page = await suite.pages.open();
    await signIn(page, w.top.username);
    await menu(page).getByRole('link', { name: 'Management Information' }).click();
    await heading(page, 'Management Information');

    // 1: referral volumes.
    await page.getByRole('tab', { name: 'Referral volumes', selected: true }).waitFor();
    await expectCharts(page, [
      'Referrals by month',
      'Referrals by status',
      'Referrals by case type',
      'Referrals by location',
      'Referrals by department',
    ]);
    expect(await page.getByTestId('mi-total').textContent()).toBe('3');
    expect(await rowsOf(page, 'Referrals by month')).toEqual([
      ['2026-10', '1'],
      ['2026-11', '2'],
    ]);
    expect(await rowsOf(page, 'Referrals by location')).toEqual([
      ['Leeds', '2'],
      ['York', '1'],
    ]);
    await expectAccessible(page, 'MI: referral volumes with charts');

    // Filters: York only, then a date range that leaves out October.
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'York' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.getByTestId('mi-total').textContent()).toBe('1');
    expect(await rowsOf(page, 'Referrals by location')).toEqual([['York', '1']]);
    await page.getByLabel('Location', { exact: true }).selectOption({ label: 'All' });
    await page.getByLabel('Sent from').fill('2026-11-01');
    await page.getByLabel('Sent to').fill('2026-11-30');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.getByTestId('mi-total').textContent()).toBe('2');
    expect(await rowsOf(page, 'Referrals by month')).toEqual([['2026-11', '2']]);

    const volumes = await downloaded(page, () => page.getByRole('link', { name: 'Export to Excel' }).click());
    expect(volumes.name).toMatch(/\.xlsx$/);
    const volumeBook = await workbookOf(volumes.bytes);
    const volumeCells = volumeBook.worksheets.flatMap((s) =>
      s.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    );
    expect(volumeCells).toContain('2026-11');
    expect(volumeCells).not.toContain('2026-10');

    // 2: outcomes (the same filters stay).
    await page.getByRole('tab', { name: 'Outcomes and attendance' }).click();
    await page.getByRole('heading', { level: 2, name: 'Outcomes and attendance' }).waitFor();
    await page.getByLabel('Sent from').fill('');
    await page.getByLabel('Sent to').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectCharts(page, ['Consent declined, did not attend and cancelled', 'Closed cases by outcome']);
    expect(await rowsOf(page, 'Closed cases by outcome')).toEqual([['Fit for work', '1']]);
    await page.getByRole('table', { name: 'Rates' }).waitFor();
    await expectAccessible(page, 'MI: outcomes with charts');
    const outcomes = await downloaded(page, () => page.getByRole('link', { name: 'Export to Excel' }).click());
    expect((await workbookOf(outcomes.bytes)).worksheets.length).toBeGreaterThan(0);

    // 3: turnaround.
    await page.getByRole('tab', { name: 'Turnaround times' }).click();
    await page.getByRole('heading', { level: 2, name: 'Turnaround times' }).waitFor();
    await expectCharts(page, ['Days from referral to each stage against the service levels']);
    await page.getByRole('table', { name: 'Days from referral (calendar days)' }).waitFor();
    await expectAccessible(page, 'MI: turnaround with chart');
    const turnaround = await downloaded(page, () => page.getByRole('link', { name: 'Export to Excel' }).click());
    expect((await workbookOf(turnaround.bytes)).worksheets.length).toBeGreaterThan(0);

    const exported = await db('audit_log')
      .where({ action: 'mi.exported', actorId: w.top.id, targetId: w.client.id })
      .orderBy('id')
      .pluck('detail');
    expect(exported.map((d: { tab: string }) => d.tab)).toEqual(['volumes', 'outcomes', 'turnaround']);

    // Previous MI: the packs list (none yet for this organisation in this file).
    await page.getByRole('tab', { name: 'Previous MI' }).click();
    await page.getByRole('heading', { level: 2, name: 'Previous MI' }).waitFor();
    await page.getByText('No report packs yet.', { exact: false }).waitFor();
    await expectAccessible(page, 'MI: Previous MI');
  });
});
