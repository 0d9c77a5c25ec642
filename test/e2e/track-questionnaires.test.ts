/**
 * Track Questionnaires in the browser, on Track Referrals' list machinery: sorting both
 * ways, a column filter and Filter by User applied together, Export to Excel checked
 * against what the user may see. Every state passes axe. (Resend to a different address,
 * the old link refused and the new one working, is in questionnaires.test.ts.)
 *
 * The listed questionnaires are written straight to the table (the list reads nothing
 * else).
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

async function insertQuestionnaire(owner: Owner, first: string, surname: string, jobTitle: string) {
  const { db } = suite.portal.sys;
  const world = suite.world;
  const type = await db('questionnaire_types').where({ key: 'health-assessment' }).first('id');
  const at = new Date(Date.UTC(2026, 0, 1) + ++day * 86_400_000);
  await db('questionnaires').insert({
    id: randomUUID(),
    organisationId: world.client.id,
    questionnaireTypeId: type.id,
    authorId: world[owner].id,
    ownerId: world[owner].id,
    status: 'awaiting_employee',
    employeeFirstName: first,
    employeeSurname: surname,
    employeeJobTitle: jobTitle,
    employeeEmail: `${first.toLowerCase()}@home.test`,
    sentAt: at,
    updatedAt: at,
  });
}

const bodyRows = (table: Locator) => table.locator('tbody tr');
const employees = async (page: Page) =>
  await bodyRows(page.getByRole('table', { name: 'Pending Employee Completion' }))
    .locator('td:nth-child(2)')
    .allTextContents();

beforeAll(async () => {
  await insertQuestionnaire('referrer', 'Cara', 'Carter', 'Porter');
  await insertQuestionnaire('referrer', 'Abel', 'Adams', 'Driver');
  await insertQuestionnaire('peer', 'Bea', 'Brown', 'Porter');
  await insertQuestionnaire('manager', 'Dan', 'Dunn', 'Night porter');
});

async function openTrack(username: string, query = '') {
  const page = await suite.pages.open();
  await signIn(page, username);
  if (query) await page.goto(`/questionnaires${query}`);
  else await menu(page).getByRole('link', { name: 'Track Questionnaires' }).click();
  await heading(page, 'Track Questionnaires');
  await bodyRows(page.getByRole('table', { name: 'Pending Employee Completion' }))
    .first()
    .waitFor();
  return page;
}

describe('Track Questionnaires', () => {
  it('sorts both ways, filters by a column and by user together, and keeps the view in the address', async () => {
    const page = await openTrack(suite.world.top.username);
    await expectAccessible(page, 'Track Questionnaires');
    // Latest activity first by default: the top of the hierarchy sees everyone's.
    expect(await employees(page)).toEqual(['Dan Dunn', 'Bea Brown', 'Abel Adams', 'Cara Carter']);

    const sortButton = page.getByRole('button', { name: 'Employee', exact: true });
    await sortButton.click();
    await page.getByRole('columnheader', { name: 'Employee' }).and(page.locator('[aria-sort="ascending"]')).waitFor();
    await expect.poll(() => employees(page)).toEqual(['Abel Adams', 'Bea Brown', 'Cara Carter', 'Dan Dunn']);
    await sortButton.click();
    await expect.poll(() => employees(page)).toEqual(['Dan Dunn', 'Cara Carter', 'Bea Brown', 'Abel Adams']);
    expect(page.url()).toContain('sort=employee');
    expect(page.url()).toContain('dir=desc');
    await expectAccessible(page, 'Track Questionnaires sorted');

    // A column filter and Filter by User, applied at once.
    await page.getByLabel('Filter by Job Title').fill('porter');
    await page.getByLabel('Filter by User').selectOption(suite.world.referrer.id);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => employees(page)).toEqual(['Cara Carter']);
    expect(page.url()).toContain('jobTitle=porter');
    await expectAccessible(page, 'Track Questionnaires filtered');

    // A reload shows the same view.
    await page.reload();
    await expect.poll(() => employees(page)).toEqual(['Cara Carter']);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect.poll(() => employees(page)).toHaveLength(4);
  });

  it('shows an un-shared colleague only their own', async () => {
    const page = await openTrack(suite.world.peer.username);
    expect(await employees(page)).toEqual(['Bea Brown']);
    const owners = await page.getByLabel('Filter by User').locator('option').allTextContents();
    expect(owners).toHaveLength(2); // "All users" and the peer
  });

  it('exports the questionnaires of the view the user may see, a worksheet per tab', async () => {
    const page = await openTrack(suite.world.manager.username, '?jobTitle=porter');
    await expect.poll(() => employees(page)).toEqual(['Dan Dunn', 'Cara Carter']);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export to Excel' }).click();
    const download = await downloading;
    await page
      .getByRole('status')
      .filter({ hasText: /^Export ready: .+\.xlsx \(\d+ KB\)/ })
      .waitFor();
    await expectAccessible(page, 'Track Questionnaires after an export');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Pending Employee Completion',
      'Awaiting Clinical Review',
      'Completed',
    ]);
    const sheetEmployees = (index: number) => {
      const names: string[] = [];
      book.worksheets[index]!.eachRow((row, n) => {
        if (n > 1) names.push(String(row.getCell(2).value));
      });
      return names;
    };
    const api = await ApiCaller.signIn(suite.portal.sys.app, suite.world.manager.username, PASSWORD, {
      origin: suite.portal.url,
    });
    const listed = (
      (await api.get('/api/questionnaires?tab=pending&jobTitle=porter&limit=200')).body.rows as { employee: string }[]
    ).map((r) => r.employee);
    // The manager sees their own and the referrer's below them, never the peer's.
    expect(sheetEmployees(0)).toEqual(['Dan Dunn', 'Cara Carter']);
    expect(sheetEmployees(0)).toEqual(listed);
    expect(sheetEmployees(1)).toEqual([]);
  });
});
