import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { browserSuite, heading, signIn } from './support.ts';

/** The case page's statuses help, notes and linked cases; the cases are made through the API. */
const suite = browserSuite();

async function acceptedCase(overrides: Record<string, string> = {}) {
  const { app } = suite.portal.sys;
  const referrer = await ApiCaller.signIn(app, suite.world.referrer.username, PASSWORD);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(overrides),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await ApiCaller.signIn(app, suite.world.clinician.username, PASSWORD);
  const { body: accepted } = await clinician.post(`/api/triage/${body.id}/accept`, {});
  return { id: body.id as string, caseNumber: accepted.caseNumber as string };
}

async function selectTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

describe('the case page', () => {
  let referrer: Page;

  it('explains every status on "What the statuses mean", linked from the case page', async () => {
    const { id, caseNumber } = await acceptedCase();
    referrer = await suite.pages.open();
    await signIn(referrer, suite.world.referrer.username);
    await referrer.goto(`/cases/${id}`);
    await heading(referrer, `Case ${caseNumber}`);
    await referrer.getByText('Claims handler', { exact: true }).first().waitFor();
    await referrer.getByRole('link', { name: 'What the statuses mean' }).click();
    await heading(referrer, 'What the statuses mean');
    await referrer.getByText('Advice Letter Awaiting Employee Response', { exact: true }).waitFor();
    await referrer.getByText('Appointment Booked', { exact: true }).waitFor();
    await expectAccessible(referrer, 'what the statuses mean');
  });

  it('takes a clinician’s note, which the referrer reads, told by email without its text', async () => {
    const { id, caseNumber } = await acceptedCase();
    const clinician = await suite.pages.open();
    await signIn(clinician, suite.world.clinician.username);
    await clinician.goto(`/cases/${id}?tab=notes`);
    await heading(clinician, `Case ${caseNumber}`);
    await clinician.getByRole('tab', { name: 'Notes', selected: true }).waitFor();
    await expectAccessible(clinician, 'case notes, none yet');
    await clinician.getByRole('button', { name: 'Add note' }).click();
    await clinician.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the note' }).waitFor();
    const text = 'We have written to the GP and will update you within two weeks.';
    await clinician.getByLabel('Add a note for the referrer').fill(text);
    await clinician.getByRole('button', { name: 'Add note' }).click();
    await clinician.getByRole('alert').getByText('Note added', { exact: true }).waitFor();
    await clinician.getByText(text).waitFor();
    await expectAccessible(clinician, 'case notes with a note');

    await referrer.goto(`/cases/${id}`);
    await heading(referrer, `Case ${caseNumber}`);
    await selectTab(referrer, 'Notes');
    await referrer.getByText(text).waitFor();
    await referrer.getByText(new RegExp(`^Clinician Tester${suite.world.tag}, `)).waitFor();
    expect(await referrer.getByRole('button', { name: 'Add note' }).count()).toBe(0);
    const mail = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === `Note added: case ${caseNumber}`,
    );
    expect(mail.text).not.toContain('GP');
  });

  it('lists the same employee’s other case under Linked Cases, and follows it', async () => {
    const who = { employeeFirstName: `Link${suite.world.tag}`, employeeSurname: 'Follow' };
    const first = await acceptedCase(who);
    const second = await acceptedCase(who);
    await referrer.goto(`/cases/${first.id}?tab=linked`);
    await heading(referrer, `Case ${first.caseNumber}`);
    const table = referrer.getByRole('table', { name: 'Linked cases' });
    await table.getByRole('cell', { name: 'Same employee' }).waitFor();
    await expectAccessible(referrer, 'linked cases');
    await table.getByRole('link', { name: new RegExp(second.caseNumber) }).click();
    await heading(referrer, `Case ${second.caseNumber}`);
    await selectTab(referrer, 'Documents');
    await referrer.getByRole('link', { name: 'Referral form (PDF)' }).waitFor();
    await expectAccessible(referrer, 'case documents with the referral form');
  });
});
