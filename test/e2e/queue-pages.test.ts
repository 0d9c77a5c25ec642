import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { browserSuite, heading, signIn } from './support.ts';

/** The two queues in the browser, longer than a page: the GOV.UK pagination links walk them. */
const suite = browserSuite({ requiresApproval: true });

const inserted: string[] = [];
// The run's other browser files share the database: these rows would fill the first page of their queues.
afterAll(async () => {
  await suite.portal?.sys.db('referrals').whereIn('id', inserted).delete();
});

/** 51 submitted referrals straight into the read model (one more than a page), oldest first by their number. */
async function queued(status: 'pending_triage' | 'awaiting_approval') {
  const { db } = suite.portal.sys;
  const { world } = suite;
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  const rows = Array.from({ length: 51 }, (_, i) => ({
    id: randomUUID(),
    organisationId: world.client.id,
    formTypeId: form.id,
    authorId: world.referrer.id,
    ownerId: world.referrer.id,
    status,
    employeeFirstName: 'Queued',
    employeeSurname: `Number${i}`,
    // Older than anything else in the run's database, so they open the clinicians' queue of every organisation.
    submittedAt: new Date(Date.UTC(2000, 0, 1, 0, i)),
  }));
  await db('referrals').insert(rows);
  inserted.push(...rows.map((r) => r.id));
}

const shows = (page: Page, employee: string) => page.getByRole('cell', { name: employee, exact: true }).count();

async function walk(page: Page, path: string, title: string) {
  await page.goto(path);
  await heading(page, title);
  // The rows come after the heading: wait for the first before counting.
  await page.getByRole('cell', { name: 'Queued Number0', exact: true }).waitFor();
  expect(await shows(page, 'Queued Number0')).toBe(1);
  expect(await shows(page, 'Queued Number50')).toBe(0);
  expect(await page.getByRole('link', { name: 'First page' }).count()).toBe(0);

  await page.getByRole('link', { name: 'Next page' }).click();
  await page.getByRole('cell', { name: 'Queued Number50', exact: true }).waitFor();
  expect(await shows(page, 'Queued Number0')).toBe(0);
  expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
  await expectAccessible(page, `${title}, second page`);

  await page.getByRole('link', { name: 'First page' }).click();
  await page.getByRole('cell', { name: 'Queued Number0', exact: true }).waitFor();
}

describe('the queues, a page at a time', () => {
  it('lets the manager page through the Approval Queue', async () => {
    await queued('awaiting_approval');
    const manager = await suite.pages.open();
    await signIn(manager, suite.world.manager.username);
    await walk(manager, '/approvals', 'Approval Queue');
  });

  it('lets the clinician page through the Triage Queue', async () => {
    await queued('pending_triage');
    const clinician = await suite.pages.open();
    await signIn(clinician, suite.world.clinician.username);
    await walk(clinician, '/triage', 'Triage Queue');
  });
});
