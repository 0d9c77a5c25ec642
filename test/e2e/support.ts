import type { Browser, Locator, Page } from 'playwright-core';
import type { FieldDefinition, FormDefinition } from '../../domain/forms.ts';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { ensureWebBuild, launchBrowser, servePortal, type Portal } from '../helpers/browser.ts';
import { createWorld, PASSWORD } from '../helpers/fixtures.ts';

/** Shared steps of the account journeys in the browser. */

export type World = Awaited<ReturnType<typeof createWorld>>;

// Script errors and CSP refusals show up in the console. Chromium also logs
// every 4xx response, which the portal expects (a wrong password, say).
const EXPECTED = /^Failed to load resource: the server responded with a status of 4\d\d/;

/** Fresh browser profiles (own cookies), each watched for console errors. */
export class Pages {
  private readonly errors: string[] = [];
  constructor(
    private readonly browser: () => Browser,
    private readonly portal: () => Portal,
  ) {}

  async open(options: { clock?: boolean; portal?: Portal } = {}): Promise<Page> {
    const context = await this.browser().newContext({ baseURL: (options.portal ?? this.portal()).url });
    const page = await context.newPage();
    if (options.clock) await page.clock.install();
    page.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED.test(m.text())) this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(e.message));
    return page;
  }

  /** For afterEach: no script error and no CSP refusal happened. */
  expectNoConsoleErrors(): void {
    expect(this.errors.splice(0)).toEqual([]);
  }
}

/**
 * One browser test file's world: the built portal served over HTTP, its own
 * fixtures, one browser, and a check after each test that the console stayed
 * clean. Its fields are there once the file's tests run.
 */
export function browserSuite(options: { requiresApproval?: boolean } = {}) {
  const suite = {} as { portal: Portal; browser: Browser; world: World; pages: Pages };
  suite.pages = new Pages(
    () => suite.browser,
    () => suite.portal,
  );
  beforeAll(async () => {
    await ensureWebBuild();
    suite.portal = await servePortal();
    suite.world = await createWorld(suite.portal.sys.db, options);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.portal?.close();
  });
  afterEach(() => suite.pages.expectNoConsoleErrors());
  return suite;
}

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
export const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });
export const summary = (page: Page) => page.locator('.govuk-error-summary');
/** The success banner says exactly this. */
export const banner = (page: Page, text: string) => page.getByRole('alert').getByText(text, { exact: true }).waitFor();

/** A date and a time as web/src/case/DateTimeInput.tsx asks for them, by the fields' shared label. */
export async function fillWhen(
  page: Page,
  label: string,
  at: { day: string; month: string; year: string; time: string },
) {
  const date = page.getByRole('group', { name: `${label}: date` });
  await date.getByLabel('Day').fill(at.day);
  await date.getByLabel('Month').fill(at.month);
  await date.getByLabel('Year').fill(at.year);
  await page.getByLabel(`${label}: time`).fill(at.time);
}
export const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
export const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

export async function fillSignIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await heading(page, 'Sign in to Casebook');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
  await fillSignIn(page, username, password);
  await heading(page, /^Welcome, /);
}

export async function signOut(page: Page): Promise<void> {
  await menu(page).getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
}

/** The first link in a caught email that starts with the given address. */
export function linkIn(text: string, start: string): string {
  const link = text.split(/\s+/).find((word) => word.startsWith(start));
  if (!link) throw new Error(`no ${start} link in:\n${text}`);
  return link;
}

/** The ALTCHA widget has solved its proof of work in this browser. */
// The proof of work takes about a second, but far longer on two cores busy with a whole test run.
export const botCheckSolved = (page: Page) =>
  page.getByRole('checkbox', { name: 'Checked: you are not a robot' }).waitFor({ timeout: 120_000 });

let counter = 0;
/** A referrer of the world's client organisation, made for one test. */
export async function freshUser(portal: Portal, world: World, options: { status?: 'active' | 'pending' } = {}) {
  const username = `fresh${++counter}-${world.tag}`;
  const email = `${username}@client-${world.tag}.test`;
  const id = await createUser(
    portal.sys.db,
    {
      username,
      email,
      passwordHash: await hashPassword(PASSWORD),
      firstName: 'Fresh',
      surname: `User${counter}`,
      title: 'Mx',
      jobTitle: 'Officer',
      telephone: '0113 496 0101',
      workAddress: '1 Road, Leeds',
      workPostcode: 'LS1 1AA',
    },
    [{ organisationId: world.client.id, managerId: world.top.id, permissions: ['referrer'] }],
  );
  if (options.status) await portal.sys.db('users').where({ id }).update({ status: options.status });
  return { id, username, email, firstName: 'Fresh', surname: `User${counter}` };
}

/** RFC 4648 base32, as the two-factor key is shown (spaces between groups ignored). */
export function base32Decode(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/[\s=]+/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return new Uint8Array((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}

/** Answers one question of a referral form the way a person would: by its label, typing or clicking. */
export async function answer(page: Page, field: FieldDefinition, value: string) {
  const label = field.required ? `${field.label} (required)` : field.label;
  if (field.type === 'confirm') {
    const box = page.getByRole('checkbox', { name: field.label, exact: true });
    await (value === 'Yes' ? box.check() : box.uncheck());
  } else if (field.type === 'yesno') {
    await page.getByRole('group', { name: label }).getByLabel(value, { exact: true }).check();
  } else if (field.type === 'date') {
    const [year, month, day] = value.split('-');
    const group = page.getByRole('group', { name: label });
    await group.getByLabel('Day').fill(day!);
    await group.getByLabel('Month').fill(month!);
    await group.getByLabel('Year').fill(year!);
  } else if (field.type === 'textarea') {
    const box = page.getByLabel(label, { exact: true });
    await box.clear();
    await box.pressSequentially(value);
  } else {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Answers the questions of one step of a form that `data` has answers for. */
export async function answerStep(page: Page, form: FormDefinition, title: string, data: Record<string, string>) {
  await heading(page, title);
  for (const field of form.steps.find((s) => s.title === title)!.fields) {
    if (data[field.name] !== undefined) await answer(page, field, data[field.name]!);
  }
}

export async function goToNextStep(page: Page, nextTitle: string) {
  await page.getByRole('button', { name: 'Go to Next Step' }).click();
  await heading(page, nextTitle);
}

/** Chooses a form under Make Referral: it opens unsaved, at /referrals/new/<form>. */
export async function openNewReferral(page: Page, formName: string) {
  await menu(page).getByRole('link', { name: 'Make Referral' }).click();
  await heading(page, 'Make a referral');
  await page.getByLabel(formName).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/referrals\/new\/[\w-]+$/);
  await heading(page, "01 Referrer's Details");
}

/** The referral's id, once its first answer is saved and the address became /referrals/:id/edit. */
export async function savedReferralId(page: Page): Promise<string> {
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}\/edit/);
  return new URL(page.url()).pathname.split('/')[2]!;
}

export const CHECK_ANSWERS = 'Check your answers before submitting your referral';

/** From the last step (the declaration) to the check answers page. */
export async function continueToCheckAnswers(page: Page) {
  await page.getByRole('button', { name: 'Continue to Check Answers' }).click();
  await heading(page, CHECK_ANSWERS);
}

/** Submits from the check answers page, to the confirmation page. */
export async function submitFromCheckAnswers(page: Page, referralId: string) {
  await page.getByRole('button', { name: 'Submit referral' }).click();
  await page.waitForURL(`**/referrals/${referralId}/submitted`);
  await heading(page, 'Referral submitted');
}

/** What the task list beside a referral form says of each step, by its title. */
export async function stepStatuses(page: Page): Promise<Record<string, string>> {
  const items = page.getByRole('navigation', { name: 'Referral steps' }).getByRole('listitem');
  const pairs = await items.evaluateAll((lis) =>
    lis.map((li) => [
      li.querySelector('a')?.textContent?.trim() ?? '',
      li.querySelector('.govuk-task-list__status')?.textContent?.trim() ?? '',
    ]),
  );
  return Object.fromEntries(pairs);
}

/** The value a summary list shows for a key (the check answers page). */
export const summaryValue = (page: Page, key: string) =>
  page
    .locator('.govuk-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .locator('.govuk-summary-list__value')
    .textContent()
    .then((text) => text?.trim());

/** Presses Tab until the focused element's text is `name` (keyboard-only journeys). */
export async function tabTo(page: Page, name: string, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await activeText(page)) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/**
 * Opens a row's link from a paged list (the Triage Queue is oldest first across every organisation, so in a
 * shared test database a new referral may be pages in), following "Next page" until the row shows.
 */
export async function openFromPagedList(page: Page, row: Locator, link: string): Promise<void> {
  for (;;) {
    await page.getByRole('heading', { level: 1 }).waitFor();
    const target = row.getByRole('link', { name: link });
    if ((await target.count()) > 0) return target.first().click();
    const next = page.getByRole('link', { name: 'Next page' });
    if ((await next.count()) === 0) throw new Error(`No row with "${link}" on any page`);
    const before = page.url();
    await next.click();
    await page.waitForURL((url) => url.toString() !== before);
  }
}
