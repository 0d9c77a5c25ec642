import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_REFERRAL } from '../../db/reference-data/form-types.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import {
  answerStep,
  browserSuite,
  continueToCheckAnswers,
  heading as expectHeading,
  goToNextStep,
  menu,
  savedReferralId,
  signIn,
  signOut,
  submitFromCheckAnswers,
  openFromPagedList,
} from './support.ts';

const suite = browserSuite();

/** A fresh browser profile: its own cookies, as another person's computer would have. */
const newPage = () => suite.pages.open();

describe('the portal page', () => {
  it('is served under a strict CSP with no inline script or style to break it', async () => {
    const res = await fetch(`${suite.portal.url}/referrals`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).toContain('<link rel="icon" href="/favicon.svg"');
  });
});

describe('a Management Referral through the portal, from sign-in to an open case', () => {
  const data = completeManagementReferral();
  let referrer: Page;
  let referralId: string;

  it('signs the referrer in, then shows only the navigation the referrer may use', async () => {
    referrer = await newPage();
    await referrer.goto('/');
    await referrer.waitForURL('**/sign-in?next=%2F');
    await expectHeading(referrer, 'Sign in to Casebook');
    expect(await referrer.title()).toBe('Sign in - Casebook');
    await expectAccessible(referrer, 'sign-in');

    await referrer.getByRole('button', { name: 'Sign in' }).click();
    await referrer.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await referrer.title()).toBe('Error: Sign in - Casebook');
    await expectAccessible(referrer, 'sign-in with errors');

    await referrer.getByLabel('Username').fill(suite.world.referrer.username);
    await referrer.getByLabel('Password').fill('not the password');
    await referrer.getByRole('button', { name: 'Sign in' }).click();
    await referrer.getByRole('link', { name: 'Enter a correct username and password.' }).waitFor();

    await referrer.getByLabel('Password').fill(PASSWORD);
    await referrer.getByLabel('Password').press('Enter');
    await expectHeading(referrer, 'Welcome, Referrer');
    expect(await referrer.title()).toBe('Home - Casebook');
    await referrer.getByText(`Signed in as Referrer Tester${suite.world.tag}, Client ${suite.world.tag}`).waitFor();
    await menu(referrer).getByRole('link', { name: 'Make Referral' }).waitFor();
    expect(await menu(referrer).getByRole('link', { name: 'Triage Queue' }).count()).toBe(0);
    await expectAccessible(referrer, 'dashboard');
  });

  it('reaches the skip link first from the keyboard, and the skip link moves focus to the main content', async () => {
    await referrer.reload();
    await expectHeading(referrer, 'Welcome, Referrer');
    await referrer.keyboard.press('Tab');
    expect(await referrer.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await referrer.keyboard.press('Enter');
    expect(await referrer.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('opens a Management Referral form, not saved until its first answer', async () => {
    await menu(referrer).getByRole('link', { name: 'Make Referral' }).click();
    await expectHeading(referrer, 'Make a referral');
    expect(await menu(referrer).getByRole('link', { name: 'Make Referral' }).getAttribute('aria-current')).toBe('page');
    await expectAccessible(referrer, 'make referral');

    await referrer.getByRole('button', { name: 'Continue' }).click();
    await referrer.getByRole('link', { name: 'Select the type of referral' }).waitFor();
    await referrer.getByLabel('Management Referral').check();
    await referrer.getByRole('button', { name: 'Continue' }).click();
    await referrer.waitForURL('**/referrals/new/management-referral');
    await expectHeading(referrer, "01 Referrer's Details");
  });

  it("prefills the referrer's details from the account and autosaves what is typed", async () => {
    expect(await referrer.getByLabel('Name (required)').inputValue()).toBe(`Referrer Tester${suite.world.tag}`);
    expect(await referrer.getByLabel('Organisation (required)').inputValue()).toBe(`Client ${suite.world.tag}`);
    expect(await referrer.getByLabel('Email for communication (required)').inputValue()).toBe(
      suite.world.referrer.email,
    );
    await expectAccessible(referrer, "step 01 Referrer's Details");

    await answerStep(referrer, MANAGEMENT_REFERRAL, "01 Referrer's Details", data);
    referralId = await savedReferralId(referrer);
    await referrer
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d$/)
      .waitFor();
    const row = await suite.portal.sys.db('referrals').where({ id: referralId }).first('formData');
    expect(row.formData.referrerName).toBe(data.referrerName);
  });

  it('checks the required questions of a step before moving on', async () => {
    await goToNextStep(referrer, '02 Employee Details');
    await expectAccessible(referrer, 'step 02 Employee Details');
    await referrer.getByRole('button', { name: 'Go to Next Step' }).click();
    const summary = referrer.locator('.govuk-error-summary');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await referrer.title()).toMatch(/^Error: 02 Employee Details/);
    expect(await referrer.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await expectAccessible(referrer, 'step 02 with errors');

    await summary.getByRole('link', { name: "Enter the employee's first name" }).click();
    // The summary focuses the field on the next frame, once the step holding it has rendered.
    await expect.poll(() => referrer.evaluate(() => document.activeElement?.id)).toBe('employeeFirstName');
    await answerStep(referrer, MANAGEMENT_REFERRAL, '02 Employee Details', data);
    await goToNextStep(referrer, '03 Reason for referral');
    expect(await summary.count()).toBe(0);
  });

  it('is filled in step by step, saved for later, checked and submitted', async () => {
    await expectAccessible(referrer, 'step 03 Reason for referral');
    await answerStep(referrer, MANAGEMENT_REFERRAL, '03 Reason for referral', data);
    await goToNextStep(referrer, '04 Information required by the provider');
    await expectAccessible(referrer, 'step 04 Information required by the provider');
    await answerStep(referrer, MANAGEMENT_REFERRAL, '04 Information required by the provider', data);
    await goToNextStep(referrer, '05 Supporting documents');
    await expectAccessible(referrer, 'step 05 Supporting documents');
    await referrer.getByLabel('Upload a document').setInputFiles({
      name: 'absence-record.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Absence: 3 days in March.'),
    });
    await referrer.getByRole('link', { name: 'Remove absence-record.txt' }).waitFor();
    await referrer.getByLabel('Upload a document').waitFor();
    await expectAccessible(referrer, 'step 05 with a document');
    await goToNextStep(referrer, '06 Declaration');
    await answerStep(referrer, MANAGEMENT_REFERRAL, '06 Declaration', data);
    await expectAccessible(referrer, 'step 06 Declaration');

    await referrer.getByRole('button', { name: 'Save For Later' }).click();
    await referrer.getByText('Your referral has been saved').waitFor();
    await referrer
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d$/)
      .waitFor();

    await continueToCheckAnswers(referrer);
    await referrer.getByText('absence-record.txt', { exact: false }).waitFor();
    await expectAccessible(referrer, 'check answers');
    await submitFromCheckAnswers(referrer, referralId);
    await referrer.getByText(referralId.slice(0, 8).toUpperCase(), { exact: true }).waitFor();
    await referrer
      .getByText('The provider has received the referral and a clinician will accept or reject it.')
      .waitFor();
    await expectAccessible(referrer, 'confirmation page after submitting');
    await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === 'Management referral submitted',
    );
  });

  it('lists it under Track Referrals → Pending Triage, not Open Cases', async () => {
    await menu(referrer).getByRole('link', { name: 'Track Referrals' }).click();
    await expectHeading(referrer, 'Track Referrals');
    // The list keeps its table (and its filters) when nothing is in it.
    await referrer.getByRole('table', { name: 'Open Cases' }).waitFor();
    expect(await referrer.getByRole('row', { name: /Eddie Employee/ }).count()).toBe(0);
    await expectAccessible(referrer, 'Track Referrals: Open Cases');

    await referrer.getByRole('tab', { name: 'Closed Cases' }).click();
    await referrer.getByText('There are no closed cases.').waitFor();
    await expectAccessible(referrer, 'Track Referrals: Closed Cases');

    await referrer.getByRole('tab', { name: 'Pending Triage' }).click();
    const row = referrer.getByRole('table', { name: 'Pending Triage' }).getByRole('row', { name: /Eddie Employee/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(6).textContent()).toBe('Pending Triage');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe('Leeds');
    await expectAccessible(referrer, 'Track Referrals: Pending Triage');

    await menu(referrer).getByRole('link', { name: 'Saved Referrals' }).click();
    await expectHeading(referrer, 'Saved Referrals');
    await referrer.getByText('You have no saved referrals.').waitFor();
    await expectAccessible(referrer, 'Saved Referrals');

    await signOut(referrer);
  });

  it('is accepted by a clinician from the Triage Queue', async () => {
    const clinician = await newPage();
    // Straight to the queue: sign-in comes first, then back to where the clinician was going.
    await clinician.goto('/triage');
    await clinician.waitForURL('**/sign-in?next=%2Ftriage');
    await clinician.getByLabel('Username').fill(suite.world.clinician.username);
    await clinician.getByLabel('Password').fill(PASSWORD);
    await clinician.getByRole('button', { name: 'Sign in' }).click();
    await expectHeading(clinician, 'Triage Queue');
    expect(await menu(clinician).getByRole('link', { name: 'Triage Queue' }).getAttribute('aria-current')).toBe('page');
    expect(await menu(clinician).getByRole('link', { name: 'Make Referral' }).count()).toBe(0);
    await expectAccessible(clinician, 'Triage Queue');

    const row = clinician
      .getByRole('row')
      .filter({ hasText: `Client ${suite.world.tag}` })
      .filter({ hasText: 'Eddie Employee' });
    await openFromPagedList(clinician, row, 'Open referral for Eddie Employee');
    await expectHeading(clinician, 'Referral for Eddie Employee');
    expect(await clinician.getByLabel('Triage Next Action - IMA Required').isChecked()).toBe(true);
    await expectAccessible(clinician, 'triage case page');

    await clinician.getByRole('button', { name: 'Accept referral' }).click();
    await clinician.getByText(`Referral accepted as case CSM/OM/${suite.world.tag}/1`).waitFor();
    await expectHeading(clinician, `Case CSM/OM/${suite.world.tag}/1`);
    await expectAccessible(clinician, 'triage case page after accepting');
  });

  it('then shows under Open Cases for the referrer with its case number and status', async () => {
    await signIn(referrer, suite.world.referrer.username);
    await menu(referrer).getByRole('link', { name: 'Track Referrals' }).click();
    const row = referrer.getByRole('table', { name: 'Open Cases' }).getByRole('row', { name: /Eddie Employee/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe(`CSM/OM/${suite.world.tag}/1`);
    expect(cells[6]).toBe('Triage Next Action - IMA Required');

    await referrer.getByLabel('Search Open and Closed Cases').fill(`CSM/OM/${suite.world.tag}/1`);
    await referrer.getByRole('button', { name: 'Search', exact: true }).click();
    await referrer.waitForURL(/search=/);
    const results = referrer.getByRole('table', { name: 'Search results' });
    const found = results.getByRole('row', { name: /Eddie Employee/ });
    await found.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(1);
    expect(await found.getByRole('cell').nth(2).textContent()).toBe('Open Cases');
    await expectAccessible(referrer, 'Track Referrals: search results');

    await found.getByRole('link', { name: 'View Eddie Employee' }).click();
    await expectHeading(referrer, `Case CSM/OM/${suite.world.tag}/1`);
    await referrer.getByText('an initial medical assessment (IMA) will be arranged', { exact: false }).waitFor();
    await expectAccessible(referrer, 'case page of the open case');
    await suite.portal.sys.mail.waitFor(
      (m) =>
        m.to.includes(suite.world.referrer.email) &&
        m.subject === `Management referral accepted: case CSM/OM/${suite.world.tag}/1`,
    );
  });
});
