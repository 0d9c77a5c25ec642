import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MANAGEMENT_REFERRAL } from '../../db/reference-data/form-types.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import {
  activeId,
  answerStep,
  browserSuite,
  CHECK_ANSWERS,
  continueToCheckAnswers,
  freshUser,
  goToNextStep,
  heading,
  menu,
  openNewReferral,
  savedReferralId,
  signIn,
  stepStatuses,
  summary,
  summaryValue,
  tabTo,
} from './support.ts';

/**
 * The referrer's journey through a new Management Referral as GOV.UK services
 * do it: no draft until the first answer, a task list that says where each step
 * stands, Continue to the first step with a question left, check answers with
 * Change links, and a confirmation page with the reference the email gives.
 */
const suite = browserSuite();
const data = completeManagementReferral({ employeeFirstName: 'Joanna' });
const STEPS = MANAGEMENT_REFERRAL.steps.map((s) => s.title);

describe("a referrer's journey through a new referral", () => {
  let page: Page;
  let user: Awaited<ReturnType<typeof freshUser>>;
  let referralId: string;
  const drafts = () => suite.portal.sys.db('referrals').where({ authorId: user.id }).select('id', 'formData');

  it('opens a chosen form unsaved: choosing a type and leaving leaves no draft behind', async () => {
    user = await freshUser(suite.portal, suite.world);
    page = await suite.pages.open();
    await signIn(page, user.username);
    await openNewReferral(page, 'Management Referral');
    expect(await page.getByLabel('Name (required)').inputValue()).toBe(`${user.firstName} ${user.surname}`);
    await expectAccessible(page, 'a new referral, not saved yet');

    await menu(page).getByRole('link', { name: 'Saved Referrals' }).click();
    await heading(page, 'Saved Referrals');
    await page.getByText('You have no saved referrals.').waitFor();
    expect(await drafts()).toEqual([]);
  });

  it('saves the draft with its first answer, and its address changes without losing focus or typing', async () => {
    await openNewReferral(page, 'Management Referral');
    await page
      .getByRole('navigation', { name: 'Referral steps' })
      .getByRole('link', { name: '02 Employee Details' })
      .click();
    await heading(page, '02 Employee Details');
    expect(await drafts()).toEqual([]);

    await page.getByLabel("Employee's first name (required)").click();
    await page.keyboard.type('Jo');
    referralId = await savedReferralId(page);
    expect(new URL(page.url()).searchParams.get('step')).toBe('employee');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/referrals/${referralId}`) && r.request().method() === 'PUT',
    );
    await page.keyboard.type('anna');
    expect(await activeId(page)).toBe('employeeFirstName');
    expect(await page.getByLabel("Employee's first name (required)").inputValue()).toBe('Joanna');
    // The rest of the typing goes to the draft now saved, not to a second one.
    expect((await saved).status()).toBe(200);
    const rows = await drafts();
    expect(
      rows.map((d: { id: string; formData: Record<string, string> }) => [d.id, d.formData.employeeFirstName]),
    ).toEqual([[referralId, 'Joanna']]);
    await page
      .getByRole('status')
      .getByText(/^Saved at \d\d:\d\d$/)
      .waitFor();
  });

  it('marks each step Completed, Incomplete or Not started in the task list', async () => {
    expect(await stepStatuses(page)).toEqual({
      [STEPS[0]!]: 'Completed',
      [STEPS[1]!]: 'Incomplete',
      [STEPS[2]!]: 'Not started',
      [STEPS[3]!]: 'Not started',
      [STEPS[4]!]: 'Not started',
      [STEPS[5]!]: 'Not started',
    });
    // No document is required: the documents step says so.
    await page.getByRole('link', { name: STEPS[4]!, description: /Optional/ }).waitFor();
    await expectAccessible(page, 'task list in its three states');
  });

  it('opens a saved referral from Continue at the first step with a question left', async () => {
    await answerStep(page, MANAGEMENT_REFERRAL, '02 Employee Details', data);
    await goToNextStep(page, '03 Reason for referral');
    await answerStep(page, MANAGEMENT_REFERRAL, '03 Reason for referral', data);
    await page.getByRole('button', { name: 'Save For Later' }).click();
    await page.getByText('Your referral has been saved').waitFor();

    await menu(page).getByRole('link', { name: 'Saved Referrals' }).click();
    await page.getByRole('link', { name: 'Continue Joanna Employee' }).click();
    await heading(page, '04 Information required by the provider');
    const statuses = await stepStatuses(page);
    expect([statuses[STEPS[0]!], statuses[STEPS[1]!], statuses[STEPS[2]!], statuses[STEPS[3]!]]).toEqual([
      'Completed',
      'Completed',
      'Completed',
      'Not started',
    ]);
  });

  it('shows unanswered questions on the check answers page, whose errors lead back to them', async () => {
    await page.goto(`/referrals/${referralId}/check`);
    await heading(page, CHECK_ANSWERS);
    await page.getByRole('link', { name: 'Enter the questions you would like the provider to answer' }).waitFor();
    await expectAccessible(page, 'check answers with questions left');

    await page.getByRole('button', { name: 'Submit referral' }).click();
    const errors = summary(page).getByRole('link');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([
      'Enter the questions you would like the provider to answer',
      'Select yes if the employee wishes to see the advice letter before it is released to you',
      'Select yes if you have discussed this referral and its content with the employee',
      'Confirm that the information in this referral is accurate to the best of your knowledge',
    ]);
    expect(await page.title()).toBe(`Error: ${CHECK_ANSWERS} - Casebook`);
    await expectAccessible(page, 'check answers with errors');
    expect(await drafts().then((rows) => rows.length)).toBe(1);

    await errors.first().click();
    await heading(page, '04 Information required by the provider');
    await expect.poll(() => activeId(page)).toBe('questionsForProvider');
    await answerStep(page, MANAGEMENT_REFERRAL, '04 Information required by the provider', data);
    await page.getByRole('button', { name: 'Save and Return to Check Answers' }).click();
    await heading(page, CHECK_ANSWERS);
    expect(await summaryValue(page, 'Questions you would like answered')).toBe(data.questionsForProvider);
  });

  it('keeps the declaration as the last step before checking the answers', async () => {
    await page
      .getByRole('link', { name: 'Select yes if you have discussed this referral and its content with the employee' })
      .click();
    await heading(page, '06 Declaration');
    await answerStep(page, MANAGEMENT_REFERRAL, '06 Declaration', data);
    await page.getByRole('button', { name: 'Save and Return to Check Answers' }).click();
    await heading(page, CHECK_ANSWERS);

    // Reached in order too: from the declaration, Continue leads to the same page.
    await page.goto(`/referrals/${referralId}/edit?step=declaration`);
    await heading(page, '06 Declaration');
    expect(Object.values(await stepStatuses(page))).toEqual([
      'Completed',
      'Completed',
      'Completed',
      'Completed',
      'Not started',
      'Completed',
    ]);
    await continueToCheckAnswers(page);
    expect(await summaryValue(page, "Employee's first name")).toBe('Joanna');
    expect(await summaryValue(page, 'Date of birth')).toBe('1 April 1980');
    expect(await summaryValue(page, 'Documents')).toBe('None added');
    expect(await page.getByRole('link', { name: /^Enter |^Select |^Confirm / }).count()).toBe(0);
    await expectAccessible(page, 'check answers, complete');
  });

  it('changes an answer and submits from the check answers page by keyboard alone', async () => {
    await page.reload();
    await heading(page, CHECK_ANSWERS);
    await tabTo(page, "Change Employee's surname");
    await page.keyboard.press('Enter');
    await heading(page, '02 Employee Details');
    await expect.poll(() => activeId(page)).toBe('employeeSurname');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Employee-Smith');
    await page.keyboard.press('Enter');
    await heading(page, CHECK_ANSWERS);
    expect(await summaryValue(page, "Employee's surname")).toBe('Employee-Smith');

    await tabTo(page, 'Submit referral');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${referralId}/submitted`);
    await heading(page, 'Referral submitted');
  });

  it('confirms with the reference the email gives, which Track Referrals shows', async () => {
    const reference = referralId.slice(0, 8).toUpperCase();
    await page.locator('.govuk-panel__body').getByText('Your reference').waitFor();
    expect(await page.locator('.govuk-panel__body strong').textContent()).toBe(reference);
    await page.getByText('Pending Triage', { exact: true }).waitFor();
    await expectAccessible(page, 'confirmation page');
    const mail = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Management referral submitted',
    );
    expect(mail.text).toContain(`(reference ${reference})`);

    await menu(page).getByRole('link', { name: 'Track Referrals' }).click();
    await heading(page, 'Track Referrals');
    await page.getByRole('tab', { name: 'Pending Triage' }).click();
    // The search covers open and closed cases; a referral pending triage is found by its column filter.
    await page.getByLabel('Filter by Employee').fill('Employee-Smith');
    await page.getByLabel('Filter by Employee').press('Enter');
    await page.waitForURL(/employee=/);
    const table = page.getByRole('table', { name: 'Pending Triage' });
    const row = table.getByRole('row', { name: /Joanna Employee-Smith/ });
    await row.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(`${reference} (reference)`);
    await expectAccessible(page, 'Track Referrals: found by reference');

    await row.getByRole('link', { name: 'View Joanna Employee-Smith' }).click();
    await heading(page, 'Referral for Joanna Employee-Smith');
    expect(await summaryValue(page, 'Reference')).toBe(reference);
  });

  it('saves a new referral when a document is its first answer, and keeps the document with it', async () => {
    await openNewReferral(page, 'Management Referral');
    await page.getByRole('navigation', { name: 'Referral steps' }).getByRole('link', { name: STEPS[4]! }).click();
    await heading(page, STEPS[4]!);
    const file = { name: 'fit-note.txt', mimeType: 'text/plain', buffer: Buffer.from('Fit note: phased return.') };
    await page.getByLabel('Upload a document').setInputFiles(file);
    const id = await savedReferralId(page);
    await page.getByRole('link', { name: 'Remove fit-note.txt' }).waitFor();
    expect((await stepStatuses(page))[STEPS[4]!]).toBe('Completed');
    expect(await suite.portal.sys.db('documents').where({ referralId: id }).pluck('filename')).toEqual([
      'fit-note.txt',
    ]);
    expect((await drafts()).map((d: { id: string }) => d.id).sort()).toEqual([referralId, id].sort());
    await expectAccessible(page, 'a new referral saved by its first document');
  });

  it('keeps what was typed when the user leaves a new form at once, without pulling them back to it', async () => {
    await openNewReferral(page, 'Management Referral');
    await page.getByLabel('Purchase order number').fill('PO-77');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/referrals' && r.request().method() === 'POST',
    );
    await menu(page).getByRole('link', { name: 'Saved Referrals' }).click();
    await heading(page, 'Saved Referrals');
    const { id } = (await (await created).json()) as { id: string };
    await page.reload();
    await heading(page, 'Saved Referrals');
    await page.locator(`a[href="/referrals/${id}/edit"]`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/referrals/saved');
    const row = await suite.portal.sys.db('referrals').where({ id }).first('formData');
    expect(row.formData.purchaseOrderNumber).toBe('PO-77');
  });
});
