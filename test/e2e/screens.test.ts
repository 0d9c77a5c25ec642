/**
 * The four screens people spend their day in, at a desktop width and on a
 * phone: none scrolls sideways, each passes axe, and each is photographed.
 * `npm run screenshots` writes the pictures to docs/screenshots (linked from the
 * README); an ordinary run writes them to a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { browserSuite, signIn } from './support.ts';

const suite = browserSuite();
const DIR = process.env.SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-screens-'));
const WIDTHS = [
  { name: '1280', viewport: { width: 1280, height: 900 } },
  { name: '375', viewport: { width: 375, height: 812 } },
] as const;

const ids = { openCase: '', pending: '', draft: '' };

beforeAll(async () => {
  fs.mkdirSync(DIR, { recursive: true });
  const caller = (username: string) =>
    ApiCaller.signIn(suite.portal.sys.app, username, PASSWORD, { origin: suite.portal.url });
  const referrer = await caller(suite.world.referrer.username);
  const clinician = await caller(suite.world.clinician.username);
  const submit = async (surname: string, firstName: string) => {
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral({ employeeSurname: surname, employeeFirstName: firstName }),
    });
    const form = new FormData();
    form.set('file', new File([Buffer.from('Notes from the return-to-work meeting.\n')], 'Meeting notes.txt'));
    expect((await referrer.upload(`/api/referrals/${body.id}/documents`, form)).status).toBe(201);
    expect((await referrer.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
    return body.id as string;
  };
  for (const [surname, first] of [
    ['Okafor', 'Grace'],
    ['Lindqvist', 'Tomas'],
    ['Hughes', 'Bethan'],
  ] as const) {
    const id = await submit(surname, first);
    expect((await clinician.post(`/api/triage/${id}/accept`, {})).status).toBe(200);
    ids.openCase ||= id;
  }
  await clinician.post(`/api/cases/${ids.openCase}/actions`, { kind: 'evidence', scheduledAt: '2027-02-01T09:00:00Z' });
  ids.pending = await submit('Novak', 'Petra');
  const draft = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: { employeeFirstName: 'Amir', employeeSurname: 'Haddad' },
  });
  ids.draft = draft.body.id as string;
});

/** No part of the page is wider than the screen: nothing hides off to the side. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, where).toBeLessThanOrEqual(widths.screen);
}

async function photograph(page: Page, name: string, width: string) {
  await expectNoSidewaysScroll(page, `${name} at ${width} px`);
  await expectAccessible(page, `${name} at ${width} px`);
  await page.screenshot({ path: path.join(DIR, `${name}-${width}.png`), fullPage: true });
}

describe('the screens people use all day', () => {
  for (const { name: width, viewport } of WIDTHS) {
    it(`fit and pass axe at ${width} px: the referral form and Track Referrals`, async () => {
      const page = await suite.pages.open();
      await page.setViewportSize(viewport);
      await signIn(page, suite.world.referrer.username);
      await page.goto(`/referrals/${ids.draft}/edit`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await photograph(page, 'referral-form', width);
      await page.goto('/referrals');
      await page
        .getByRole('cell', { name: /Okafor/ })
        .first()
        .waitFor();
      await photograph(page, 'track-referrals', width);
    });

    it(`fit and pass axe at ${width} px: the case page and the triage page`, async () => {
      const page = await suite.pages.open();
      await page.setViewportSize(viewport);
      await signIn(page, suite.world.clinician.username);
      await page.goto(`/cases/${ids.openCase}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await photograph(page, 'case-page', width);
      await page.goto(`/triage/${ids.pending}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await photograph(page, 'triage-page', width);
    });
  }
});
