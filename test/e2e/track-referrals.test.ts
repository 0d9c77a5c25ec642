/**
 * Track Referrals and Saved Referrals in the browser: sorting both ways, filters
 * several at once, Filter by User, the search across open and closed cases, the
 * closed tab's "mine or all", paging and reloading that keep the view, Re-Refer
 * from a closed row, the author's referrals awaiting approval and the rejected
 * list's Position and Postcode. Every state passes axe.
 *
 * The cases are written straight to the read model (the list reads nothing
 * else), so the world is large enough to page through in a second.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { browserSuite, heading, menu, signIn } from './support.ts';

const suite = browserSuite();

type Owner = 'top' | 'manager' | 'referrer' | 'peer';
let day = 0;

/** A referral as the read model holds it, owned (and written) by one of the world's people. */
async function insertCase(options: {
  owner: Owner;
  first: string;
  surname: string;
  status: string;
  caseNumber?: string;
  jobTitle?: string;
  postcode?: string;
}) {
  const { db } = suite.portal.sys;
  const world = suite.world;
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  const owner = world[options.owner].id;
  // One day apart, newest last: the default order (latest activity first) is fixed.
  const at = new Date(Date.UTC(2026, 0, 1) + ++day * 86_400_000).toISOString();
  const submitted = options.status !== 'draft';
  await db('referrals').insert({
    id: randomUUID(),
    organisation_id: world.client.id,
    form_type_id: form.id,
    author_id: owner,
    owner_id: owner,
    status: options.status,
    case_number: options.caseNumber ?? null,
    form_data: JSON.stringify({
      employeeFirstName: options.first,
      employeeSurname: options.surname,
      employeeJobTitle: options.jobTitle ?? 'Claims handler',
      employeePostcode: options.postcode ?? 'LS2 2BB',
    }),
    employee_first_name: options.first,
    employee_surname: options.surname,
    location_id: world.client.locations.Leeds,
    division_id: world.client.divisions.Operations,
    department_id: world.client.departments.Claims,
    submitted_at: submitted ? at : null,
    rejected_at: options.status === 'rejected' ? at : null,
    closed_at: options.status === 'closed' ? at : null,
    last_saved_at: at,
    created_at: at,
    updated_at: at,
  });
}

const IMA = 'triage_ima_required';
const EVIDENCE = 'triage_further_evidence_required';
const PAGED = 55;

beforeAll(async () => {
  const n = (i: number) => `CSM/OM/${suite.world.tag}/${i}`;
  // The referrer's open cases: first names and surnames sort the same way.
  await insertCase({ owner: 'referrer', first: 'Alice', surname: 'Abbott', status: IMA, caseNumber: n(1) });
  await insertCase({ owner: 'referrer', first: 'Bob', surname: 'Baxter', status: EVIDENCE, caseNumber: n(2) });
  await insertCase({ owner: 'referrer', first: 'Cara', surname: 'Carter', status: IMA, caseNumber: n(3) });
  await insertCase({ owner: 'referrer', first: 'Dan', surname: 'Dawson', status: EVIDENCE, caseNumber: n(4) });
  await insertCase({ owner: 'referrer', first: 'Mia', surname: 'Marlowe', status: IMA, caseNumber: n(5) });
  await insertCase({ owner: 'peer', first: 'Eve', surname: 'Evans', status: IMA, caseNumber: n(6) });
  await insertCase({ owner: 'top', first: 'Gail', surname: 'Green', status: EVIDENCE, caseNumber: n(7) });
  // Closed: one of top's own, and others' below them; Marlowe is both open and closed.
  await insertCase({ owner: 'top', first: 'Harry', surname: 'Hart', status: 'closed', caseNumber: n(8) });
  await insertCase({ owner: 'peer', first: 'Ivy', surname: 'Irwin', status: 'closed', caseNumber: n(9) });
  await insertCase({ owner: 'referrer', first: 'Max', surname: 'Marlowe', status: 'closed', caseNumber: n(10) });
  // Enough of the peer's to need a second page.
  for (let i = 1; i <= PAGED; i++)
    await insertCase({
      owner: 'peer',
      first: `Pat${String(i).padStart(2, '0')}`,
      surname: 'Pager',
      status: IMA,
      caseNumber: n(100 + i),
    });
  // The referrer's referral awaiting their manager, and a rejected one.
  await insertCase({ owner: 'referrer', first: 'Nia', surname: 'Nolan', status: 'awaiting_approval' });
  await insertCase({
    owner: 'referrer',
    first: 'Ola',
    surname: 'Okoro',
    status: 'rejected',
    jobTitle: 'Warehouse operative',
    postcode: 'YO1 7HH',
  });
  // Another organisation's case with a surname the search looks for: never shown.
  const form = await suite.portal.sys.db('form_types').where({ key: 'management-referral' }).first('id');
  await suite.portal.sys.db('referrals').insert({
    id: randomUUID(),
    organisation_id: suite.world.other.id,
    form_type_id: form.id,
    author_id: suite.world.outsider.id,
    owner_id: suite.world.outsider.id,
    status: IMA,
    case_number: `OTH/${suite.world.tag}/1`,
    employee_first_name: 'Mo',
    employee_surname: 'Marlowe',
    submitted_at: new Date().toISOString(),
  });
});

const name = (who: Owner) => `${who[0]!.toUpperCase()}${who.slice(1)} Tester${suite.world.tag}`;

async function openTrackReferrals(username: string, query = ''): Promise<Page> {
  const page = await suite.pages.open();
  await signIn(page, username);
  await page.goto(`/referrals${query}`);
  await heading(page, 'Track Referrals');
  return page;
}

/** The rows of a list (its body, not the headers or the filter boxes). */
const bodyRows = (table: Locator) => table.locator('tbody tr');

/** One column's text in every row of the list, once it shows the rows asked for. */
async function column(table: Locator, index: number): Promise<string[]> {
  await bodyRows(table).first().waitFor();
  return bodyRows(table).evaluateAll(
    (rows, i) => rows.map((row) => row.querySelectorAll('td')[i]?.textContent?.trim() ?? ''),
    index,
  );
}

/** Waits until the address and then the table say the new view is in. */
async function waitForView(page: Page, check: (url: URL) => boolean) {
  await page.waitForURL((url) => check(url));
  await page.waitForLoadState('networkidle');
}

describe('Track Referrals', () => {
  it('sorts by a column both ways, the header saying which way', async () => {
    const page = await openTrackReferrals(suite.world.top.username, '?owner=Referrer');
    const table = page.getByRole('table', { name: 'Open Cases' });
    await bodyRows(table).first().waitFor();
    const header = table.getByRole('columnheader', { name: 'Employee' });
    expect(await header.getAttribute('aria-sort')).toBe('none');

    await header.getByRole('button', { name: 'Employee' }).click();
    await waitForView(page, (url) => url.searchParams.get('dir') === 'asc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await expect
      .poll(() => column(table, 0))
      .toEqual(['Alice Abbott', 'Bob Baxter', 'Cara Carter', 'Dan Dawson', 'Mia Marlowe']);
    // Focus stays on the header's button, for the next press.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Employee/);
    await expectAccessible(page, 'Track Referrals sorted by Employee, ascending');

    await page.keyboard.press('Enter');
    await waitForView(page, (url) => url.searchParams.get('dir') === 'desc');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await expect
      .poll(() => column(table, 0))
      .toEqual(['Mia Marlowe', 'Dan Dawson', 'Cara Carter', 'Bob Baxter', 'Alice Abbott']);

    await table.getByRole('button', { name: 'Case Number' }).click();
    await waitForView(page, (url) => url.searchParams.get('sort') === 'caseNumber');
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('none');
    await expect.poll(() => column(table, 1)).toEqual([1, 2, 3, 4, 5].map((i) => `CSM/OM/${suite.world.tag}/${i}`));
    await expectAccessible(page, 'Track Referrals sorted by Case Number');
  });

  it('applies two filters at once with Enter, keeps them on reload, and clears them', async () => {
    const page = await openTrackReferrals(suite.world.top.username);
    const table = page.getByRole('table', { name: 'Open Cases' });
    await bodyRows(table).first().waitFor();
    await page.getByLabel('Filter by Owner').fill('referrer');
    await page
      .getByLabel('Filter by Status')
      .selectOption({ label: 'Triage Next Action - Further Medical Evidence Required' });
    await page.getByLabel('Filter by Owner').press('Enter');
    await waitForView(page, (url) => url.searchParams.get('status') === EVIDENCE);
    expect(new URL(page.url()).searchParams.get('owner')).toBe('referrer');
    await expect.poll(() => column(table, 0)).toEqual(['Dan Dawson', 'Bob Baxter']);
    await expectAccessible(page, 'Track Referrals with two filters');

    await page.reload();
    await heading(page, 'Track Referrals');
    await expect.poll(() => column(table, 0)).toEqual(['Dan Dawson', 'Bob Baxter']);
    expect(await page.getByLabel('Filter by Owner').inputValue()).toBe('referrer');
    expect(await page.getByLabel('Filter by Status').inputValue()).toBe(EVIDENCE);

    await page.getByLabel('Filter by Employee').fill('nobody-called-this');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await table.getByText('No open cases match the filters.').waitFor();
    await expectAccessible(page, 'Track Referrals, no row matching the filters');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await waitForView(page, (url) => !url.searchParams.has('owner') && !url.searchParams.has('employee'));
    await expect.poll(async () => (await column(table, 0)).length).toBe(50);
    expect(await page.getByLabel('Filter by Owner').inputValue()).toBe('');
  });

  it('filters by user among only the people whose cases the viewer may see', async () => {
    const page = await openTrackReferrals(suite.world.top.username);
    const user = page.getByLabel('Filter by User');
    await expect.poll(() => user.locator('option').count()).toBeGreaterThan(1);
    const people = await user.locator('option').allTextContents();
    expect(people).toEqual(expect.arrayContaining([name('top'), name('referrer'), name('peer')]));
    expect(people.join('|')).not.toContain('Outsider');
    expect(people.join('|')).not.toContain('Clinician');

    await user.selectOption({ label: name('referrer') });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForView(page, (url) => url.searchParams.get('user') === suite.world.referrer.id);
    const table = page.getByRole('table', { name: 'Open Cases' });
    await expect.poll(() => column(table, 8)).toEqual(Array(5).fill(name('referrer')));
    await expectAccessible(page, 'Track Referrals filtered by user');

    // The referrer, at the bottom of the tree, is offered only themself.
    const referrer = await openTrackReferrals(suite.world.referrer.username);
    const own = referrer.getByLabel('Filter by User').locator('option');
    await expect.poll(() => own.allTextContents()).toEqual(['All users', name('referrer')]);
  });

  it('searches open and closed cases at once and says which tab each is in', async () => {
    const page = await openTrackReferrals(suite.world.top.username);
    await page.getByLabel('Search Open and Closed Cases').fill('Marlowe');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForView(page, (url) => url.searchParams.get('search') === 'Marlowe');
    const table = page.getByRole('table', { name: 'Search results' });
    await bodyRows(table).first().waitFor();
    const rows = await bodyRows(table).evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())),
    );
    expect(rows.sort()).toEqual(
      [
        ['Max Marlowe', `CSM/OM/${suite.world.tag}/10`, 'Closed Cases'],
        ['Mia Marlowe', `CSM/OM/${suite.world.tag}/5`, 'Open Cases'],
      ].sort(),
    );
    expect(await page.getByRole('tab').count()).toBe(0);
    await expectAccessible(page, 'Track Referrals search results');

    await page.getByRole('link', { name: 'Clear search' }).click();
    await page.getByRole('tab', { name: 'Open Cases', selected: true }).waitFor();
  });

  it('shows the user’s own closed cases first, and all they may see on request', async () => {
    const page = await openTrackReferrals(suite.world.top.username);
    await page.getByRole('tab', { name: 'Closed Cases' }).click();
    const table = page.getByRole('table', { name: 'Closed Cases' });
    await expect.poll(() => column(table, 0)).toEqual(['Harry Hart']);
    expect(await page.getByLabel('My closed cases').isChecked()).toBe(true);
    await expectAccessible(page, 'Closed Cases, mine');

    await page.getByLabel('All I may see').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForView(page, (url) => url.searchParams.get('scope') === 'all');
    await expect.poll(async () => (await column(table, 0)).sort()).toEqual(['Harry Hart', 'Ivy Irwin', 'Max Marlowe']);
    await expectAccessible(page, 'Closed Cases, all I may see');

    await page.reload();
    await expect.poll(async () => (await column(table, 0)).length).toBe(3);
    expect(await page.getByLabel('All I may see').isChecked()).toBe(true);
  });

  it('pages forward and back keeping the sort and filters', async () => {
    const page = await openTrackReferrals(suite.world.top.username, '?tab=open&employee=Pager&sort=employee&dir=asc');
    const table = page.getByRole('table', { name: 'Open Cases' });
    const pad = (i: number) => `Pat${String(i).padStart(2, '0')} Pager`;
    const first = Array.from({ length: 50 }, (_, i) => pad(i + 1));
    await expect.poll(() => column(table, 0)).toEqual(first);
    expect(await page.getByRole('link', { name: 'Previous page' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Next page' }).click();
    await waitForView(page, (url) => url.searchParams.has('cursor'));
    const url = new URL(page.url());
    expect([url.searchParams.get('employee'), url.searchParams.get('sort'), url.searchParams.get('dir')]).toEqual([
      'Pager',
      'employee',
      'asc',
    ]);
    const rest = Array.from({ length: PAGED - 50 }, (_, i) => pad(i + 51));
    await expect.poll(() => column(table, 0)).toEqual(rest);
    expect(await page.getByLabel('Filter by Employee').inputValue()).toBe('Pager');
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await expectAccessible(page, 'Track Referrals, second page');

    // A bookmark of the second page shows it again.
    await page.reload();
    await expect.poll(() => column(table, 0)).toEqual(rest);

    await page.getByRole('link', { name: 'Previous page' }).click();
    await waitForView(page, (u) => !u.searchParams.has('cursor'));
    await expect.poll(() => column(table, 0)).toEqual(first);
    expect(new URL(page.url()).searchParams.get('employee')).toBe('Pager');
  });

  it('links to what the statuses mean, and offers Re-Refer on closed cases', async () => {
    const page = await openTrackReferrals(suite.world.referrer.username, '?tab=closed');
    expect(await page.getByRole('link', { name: 'What the statuses mean' }).getAttribute('href')).toBe(
      '/help/statuses',
    );
    const row = page.getByRole('table', { name: 'Closed Cases' }).getByRole('row', { name: /Max Marlowe/ });
    await row.getByRole('button', { name: 'Re-Refer Max Marlowe' }).click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}\/edit/);
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
});

describe('Saved Referrals', () => {
  it('keeps a referral awaiting approval in its author’s sight, and shows Position and Postcode of rejected ones', async () => {
    const page = await suite.pages.open();
    await signIn(page, suite.world.referrer.username);
    await menu(page).getByRole('link', { name: 'Saved Referrals' }).click();
    await heading(page, 'Saved Referrals');
    await page.getByRole('tab', { name: 'Awaiting approval' }).click();
    const waiting = page.getByRole('table', { name: 'Awaiting approval' });
    await expect.poll(() => column(waiting, 0)).toEqual(['Nia Nolan']);
    expect(await bodyRows(waiting).first().locator('td').nth(4).textContent()).toBe('Awaiting Manager Approval');
    await expectAccessible(page, 'Saved Referrals: Awaiting approval');

    await page.getByRole('tab', { name: 'Rejected Referrals' }).click();
    const rejected = page.getByRole('table', { name: 'Rejected Referrals' });
    const headings = await rejected.getByRole('columnheader').allTextContents();
    expect(headings.slice(0, 4)).toEqual(['Employee', 'Reference', 'Position', 'Postcode']);
    await expect.poll(() => column(rejected, 2)).toEqual(['Warehouse operative']);
    expect(await column(rejected, 3)).toEqual(['YO1 7HH']);
    await expectAccessible(page, 'Saved Referrals: Rejected Referrals');

    // Another referrer does not see them.
    const peer = await suite.pages.open();
    await signIn(peer, suite.world.peer.username);
    await peer.goto('/referrals/saved?tab=approval');
    await peer.getByText('You have no referrals awaiting your manager’s approval.').waitFor();
  });
});

describe('Export to Excel', () => {
  it('downloads the open and closed cases of the view, as the list shows them to this user', async () => {
    const page = await openTrackReferrals(suite.world.top.username, '?owner=Referrer');
    await bodyRows(page.getByRole('table', { name: 'Open Cases' }))
      .first()
      .waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const download = await downloading;
    await page
      .getByRole('status')
      .filter({ hasText: /^Export ready: .+\.xlsx \(\d+ KB\)/ })
      .waitFor();
    await expectAccessible(page, 'Track Referrals after an export');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Open Cases', 'Closed Cases']);
    const caseNumbers = (index: number) => {
      const numbers: string[] = [];
      book.worksheets[index]!.eachRow((row, n) => {
        if (n > 1) numbers.push(String(row.getCell(2).value));
      });
      return numbers.sort();
    };
    // What the list API gives this user for the same filters: the closed sheet is all they may see.
    const api = await ApiCaller.signIn(suite.portal.sys.app, suite.world.top.username, PASSWORD, {
      origin: suite.portal.url,
    });
    const listed = async (tab: string) =>
      (
        (await api.get(`/api/referrals?tab=${tab}&owner=Referrer&scope=all&limit=200`)).body.rows as {
          caseNumber: string;
        }[]
      )
        .map((row) => row.caseNumber)
        .sort();
    const n = (i: number) => `CSM/OM/${suite.world.tag}/${i}`;
    expect(caseNumbers(0)).toEqual([1, 2, 3, 4, 5].map(n).sort());
    expect(caseNumbers(0)).toEqual(await listed('open'));
    expect(caseNumbers(1)).toEqual([n(10)]);
    expect(caseNumbers(1)).toEqual(await listed('closed'));
  });
});
