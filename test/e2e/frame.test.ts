import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { browserSuite, menu, signIn } from './support.ts';

/**
 * The frame around every page: the header's navigation marks the section the
 * user is in, "Sign out" stays on the navigation's row, the footer's pages are
 * there for everyone, each role has its own list, and lists and case pages fit
 * the screen they are on.
 */
const suite = browserSuite();

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const footer = (page: Page) => page.getByRole('contentinfo');

/** Goes to a page and waits for its heading, so the header has settled too. */
async function open(page: Page, path: string) {
  await page.goto(path);
  await h1(page).waitFor();
}

/** The navigation links marked as current: exactly the one expected, as the current page. */
async function expectCurrent(page: Page, label: string | null, where: string) {
  await menu(page).getByRole('link').first().waitFor();
  const marked = menu(page).locator('a[aria-current]');
  expect(await marked.allTextContents().then((t) => t.map((s) => s.trim())), where).toEqual(label ? [label] : []);
  if (label) expect(await marked.getAttribute('aria-current'), where).toBe('page');
}

const caller = (username: string) =>
  ApiCaller.signIn(suite.portal.sys.app, username, PASSWORD, { origin: suite.portal.url });

/** A Management Referral by the world's referrer, with one supporting document, submitted. */
async function submitted(referrer: ApiCaller, surname: string): Promise<string> {
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeSurname: surname }),
  });
  const form = new FormData();
  form.set('file', new File([Buffer.from('Notes from the meeting.\n')], `notes-${surname}.txt`));
  expect((await referrer.upload(`/api/referrals/${body.id}/documents`, form)).status).toBe(201);
  expect((await referrer.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
  return body.id as string;
}

const ids = { cases: [] as string[], pending: '', rejected: '', draft: '' };

beforeAll(async () => {
  const referrer = await caller(suite.world.referrer.username);
  const clinician = await caller(suite.world.clinician.username);
  for (const surname of ['Ashworth', 'Brennan-Featherstonehaugh', 'Chowdhury']) {
    const id = await submitted(referrer, surname);
    expect((await clinician.post(`/api/triage/${id}/accept`, {})).status).toBe(200);
    ids.cases.push(id);
  }
  ids.pending = await submitted(referrer, 'Pending');
  ids.rejected = await submitted(referrer, 'Rejected');
  await clinician.post(`/api/triage/${ids.rejected}/reject`, {
    category: 'more_information_needed',
    reason: 'Add the absence record.',
  });
  ids.draft = (await referrer.post('/api/referrals', { formKey: 'management-referral', formData: {} })).body.id;
});

describe('the header', () => {
  it("marks the referrer's section as the current page on every page of it, while making a referral too", async () => {
    const page = await suite.pages.open();
    await signIn(page, suite.world.referrer.username);
    await expectCurrent(page, null, 'home');
    const sections: [string, string][] = [
      ['/referrals/new', 'Make Referral'],
      [`/referrals/${ids.draft}/edit`, 'Make Referral'],
      ['/referrals', 'Track Referrals'],
      [`/cases/${ids.cases[0]}`, 'Track Referrals'],
      ['/referrals/saved', 'Saved Referrals'],
      ['/referrals/saved?tab=rejected', 'Saved Referrals'],
      [`/referrals/${ids.draft}/delete`, 'Saved Referrals'],
      ['/questionnaires/new', 'Request Questionnaire'],
      ['/questionnaires', 'Track Questionnaires'],
      ['/account', 'My Account'],
      ['/account/password', 'My Account'],
      ['/account/organisations', 'My Account'],
    ];
    for (const [path, label] of sections) {
      await open(page, path);
      await expectCurrent(page, label, path);
    }

    // A case page opened from a list belongs to that list.
    await open(page, '/referrals/saved?tab=rejected');
    await page.getByRole('link', { name: 'View reason Eddie Rejected' }).click();
    await h1(page).filter({ hasText: 'Referral for Eddie Rejected' }).waitFor();
    await expectCurrent(page, 'Saved Referrals', 'rejected referral opened from Saved Referrals');
    await menu(page).getByRole('link', { name: 'Track Referrals' }).click();
    await page.getByRole('link', { name: 'View Eddie Ashworth' }).click();
    await h1(page)
      .filter({ hasText: /^Case / })
      .waitFor();
    await expectCurrent(page, 'Track Referrals', 'case opened from Track Referrals');
  });

  it("marks the clinician's section on every page of it", async () => {
    const page = await suite.pages.open();
    await signIn(page, suite.world.clinician.username);
    const sections: [string, string][] = [
      ['/triage', 'Triage Queue'],
      [`/triage/${ids.pending}`, 'Triage Queue'],
      ['/cases', 'Cases'],
      ['/cases?tab=closed', 'Cases'],
      [`/cases/${ids.cases[1]}`, 'Cases'],
      [`/cases/${ids.cases[1]}?tab=documents`, 'Cases'],
    ];
    for (const [path, label] of sections) {
      await open(page, path);
      await expectCurrent(page, label, path);
    }
    await menu(page).getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: 'View Eddie Chowdhury' }).click();
    await h1(page)
      .filter({ hasText: /^Case / })
      .waitFor();
    await expectCurrent(page, 'Cases', 'case opened from Cases');
  });

  it('keeps "Sign out" on the row of the navigation at 1280 px, however many sections the user has', async () => {
    for (const user of [suite.world.referrer, suite.world.clinician, suite.world.top]) {
      const page = await suite.pages.open();
      await page.setViewportSize(WIDE);
      await signIn(page, user.username);
      const signOut = await menu(page).getByRole('button', { name: 'Sign out' }).boundingBox();
      const first = await menu(page).getByRole('link').first().boundingBox();
      expect(signOut && first, user.username).toBeTruthy();
      // The same row: each box's vertical middle lies within the other.
      const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
      expect(middle(signOut!), user.username).toBeGreaterThan(first!.y);
      expect(middle(signOut!), user.username).toBeLessThan(first!.y + first!.height);
      expect(middle(first!), user.username).toBeGreaterThan(signOut!.y);
      expect(middle(first!), user.username).toBeLessThan(signOut!.y + signOut!.height);
      // On the right, after the links.
      expect(signOut!.x, user.username).toBeGreaterThan(first!.x + first!.width);
      await expectAccessible(page, `header of ${user.username} at 1280 px`);
      await page.context().close();
    }
  });

  it('shows no GOV.UK branding: the service is Casebook', async () => {
    const page = await suite.pages.open();
    await open(page, '/sign-in');
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: 'Casebook', exact: true }).waitFor();
    expect(await banner.textContent()).not.toMatch(/GOV\.UK/);
    expect(
      await page.locator('svg, .govuk-header__logotype, .govuk-footer__crown, .govuk-footer__copyright-logo').count(),
    ).toBe(0);
    // Signed out there is no navigation: only the service name.
    expect(await menu(page).count()).toBe(0);
  });
});

const FOOTER = [
  ['Help and contact', 'Help and contact'],
  ['Accessibility statement', 'Accessibility statement for Casebook'],
  ['Privacy notice', 'Privacy notice'],
  ['Cookies', 'Cookies'],
] as const;

describe('the footer', () => {
  it('links to its four pages for someone signed out, each without a session and accessible', async () => {
    const page = await suite.pages.open();
    await open(page, '/sign-in');
    for (const [link, heading] of FOOTER) {
      await footer(page).getByRole('link', { name: link, exact: true }).click();
      await h1(page).filter({ hasText: heading }).waitFor();
      expect(page.url(), link).not.toContain('/sign-in');
      expect(await menu(page).count(), link).toBe(0);
      await expectAccessible(page, `${link}, signed out`);
    }
    // Opened directly, too: a page for everyone does not send anyone to sign in.
    await open(page, '/cookies');
    expect(new URL(page.url()).pathname).toBe('/cookies');
    await page.getByText('casebook_session', { exact: true }).waitFor();
  });

  it('links to the same pages for someone signed in, in the signed-in frame', async () => {
    const page = await suite.pages.open();
    await signIn(page, suite.world.referrer.username);
    for (const [link, heading] of FOOTER) {
      await footer(page).getByRole('link', { name: link, exact: true }).click();
      await h1(page).filter({ hasText: heading }).waitFor();
      await menu(page).getByRole('button', { name: 'Sign out' }).waitFor();
      await expectCurrent(page, null, link);
      await expectAccessible(page, `${link}, signed in`);
    }
  });
});

describe('one list per role', () => {
  it('sends a referrer who opens /cases to Track Referrals, never to the clinicians\u2019 list', async () => {
    const page = await suite.pages.open();
    await signIn(page, suite.world.referrer.username);
    await page.goto('/cases');
    await page.waitForURL('**/referrals');
    await h1(page).filter({ hasText: 'Track Referrals' }).waitFor();
    expect(await page.getByText('Every accepted case of every client organisation', { exact: false }).count()).toBe(0);
  });

  it('shows the not-found page at /cases to a user who has neither list', async () => {
    const username = `admin-only-${suite.world.tag}`;
    await createUser(
      suite.portal.sys.db,
      {
        username,
        email: `${username}@client-${suite.world.tag}.test`,
        passwordHash: await hashPassword(PASSWORD),
        firstName: 'Ada',
        surname: 'Admin',
      },
      [{ organisationId: suite.world.client.id, managerId: suite.world.top.id, permissions: ['user_admin'] }],
    );
    const page = await suite.pages.open();
    await signIn(page, username);
    await open(page, '/cases');
    expect(await h1(page).textContent()).toBe('Page not found');
  });
});

/** No sideways scrolling, and each row's Status and View inside the screen. */
async function expectRowsFit(page: Page, table: string, columns: readonly string[]) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
  // The body's rows: a list that filters has a row of filter boxes under its headers.
  const rows = page.getByRole('table', { name: table }).locator('tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const width = page.viewportSize()!.width;
  for (const row of await rows.all()) {
    for (const column of columns) {
      const index = await page
        .getByRole('table', { name: table })
        .getByRole('columnheader')
        .allTextContents()
        .then((h) => h.indexOf(column));
      expect(index, column).toBeGreaterThanOrEqual(0);
      const cell = row.getByRole('cell').nth(index);
      expect(await cell.isVisible(), column).toBe(true);
      const box = (await cell.boundingBox())!;
      expect(box.x, column).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, column).toBeLessThanOrEqual(width);
    }
  }
}

describe('on a 375 px phone', () => {
  it("shows each row of the referrer's cases whole, without scrolling sideways, still as a table", async () => {
    const page = await suite.pages.open();
    await page.setViewportSize(PHONE);
    await signIn(page, suite.world.referrer.username);
    await open(page, '/referrals');
    await page.getByRole('table', { name: 'Open Cases' }).waitFor();
    await expectRowsFit(page, 'Open Cases', ['Employee', 'Status', 'View']);
    // Each cell is still announced under its column.
    expect(await page.getByRole('table', { name: 'Open Cases' }).getByRole('columnheader').count()).toBe(11);
    await page.getByRole('link', { name: 'View Eddie Brennan-Featherstonehaugh' }).click();
    await h1(page)
      .filter({ hasText: /^Case / })
      .waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'Track Referrals at 375 px');
  });

  it("shows the clinician's lists the same way, and keeps Sign out in sight with the links behind Menu", async () => {
    const page = await suite.pages.open();
    await page.setViewportSize(PHONE);
    await signIn(page, suite.world.clinician.username);
    expect(await menu(page).getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await menu(page).getByRole('link', { name: 'Cases', exact: true }).isVisible()).toBe(false);
    await menu(page).getByRole('button', { name: 'Menu' }).click();
    await menu(page).getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('table', { name: 'Open Cases' }).waitFor();
    await expectRowsFit(page, 'Open Cases', ['Employee', 'Status', 'View']);
    await expectAccessible(page, 'Cases at 375 px');
  });
});

describe('the case page', () => {
  it("gives its tables the page's full width, keeping the summary at reading width", async () => {
    const page = await suite.pages.open();
    await page.setViewportSize(WIDE);
    await signIn(page, suite.world.referrer.username);
    await open(page, `/cases/${ids.cases[0]}?tab=documents`);
    const table = page.getByRole('table', { name: 'Supporting documents' });
    await table.waitFor();
    const main = (await page.getByRole('main').boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    const summary = (await page.locator('.govuk-summary-list').first().boundingBox())!;
    expect(tableBox.width).toBeGreaterThan(main.width * 0.9);
    expect(summary.width).toBeLessThan(main.width * 0.7);
    await expectAccessible(page, 'case documents at 1280 px');
  });
});
