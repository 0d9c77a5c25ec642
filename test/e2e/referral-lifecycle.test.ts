import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IHR1 } from '../../db/reference-data/form-types.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { makePdf } from '../helpers/files.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import {
  activeId,
  answerStep,
  browserSuite,
  CHECK_ANSWERS,
  continueToCheckAnswers,
  heading,
  linkIn,
  menu,
  savedReferralId,
  signIn,
  signOut,
  submitFromCheckAnswers,
  summary,
  openFromPagedList,
  banner,
  fillWhen,
} from './support.ts';

/**
 * The whole life of an Ill Health Retirement referral in the browser, as its
 * people live it: the referrer, their manager (the organisation requires
 * approval), the clinician and the employee, each in their own browser profile.
 */
const suite = browserSuite({ requiresApproval: true });
const newPage = () => suite.pages.open();

const FORM = 'Ill Health Retirement (IHR1)';
const employeeEmail = 'eddie.employee@home.test';
const data = {
  ...completeManagementReferral({ employeeEmail, employeeSeesReportFirst: 'Yes' }),
  reasonForReferral: 'Degenerative spinal condition; the member is applying for ill health retirement.',
  pensionScheme: 'Local Government Pension Scheme',
};

const text = (body: string) => Buffer.from(body, 'utf8');

const mailTo = (to: string, subject: string | RegExp) =>
  suite.portal.sys.mail.waitFor(
    (m) => m.to.includes(to) && (typeof subject === 'string' ? m.subject === subject : subject.test(m.subject)),
  );

async function openSignedIn(username: string, path: string): Promise<Page> {
  const page = await newPage();
  await signIn(page, username);
  await page.goto(path);
  return page;
}

async function selectTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

async function approveAsManager(what: string) {
  const manager = await openSignedIn(suite.world.manager.username, '/');
  await menu(manager).getByRole('link', { name: 'Approval Queue' }).click();
  await heading(manager, 'Approval Queue');
  await expectAccessible(manager, `Approval Queue (${what})`);
  await manager.getByRole('link', { name: 'Review referral for Eddie Employee' }).click();
  await heading(manager, 'Referral for Eddie Employee');
  await manager.getByText('Awaiting Manager Approval', { exact: true }).waitFor();
  await expectAccessible(manager, `approval decision (${what})`);
  await manager.getByRole('button', { name: 'Approve referral' }).click();
  await banner(manager, 'Referral approved');
  await manager.getByText('Pending Triage', { exact: true }).waitFor();
  await manager.context().close();
}

async function step(page: Page, title: string) {
  await page.getByRole('navigation', { name: 'Referral steps' }).getByRole('link', { name: title }).click();
  await heading(page, title);
}

describe('an IHR1 referral from draft to closed case', () => {
  let referrer: Page;
  let clinician: Page;
  let caseNumber: string;
  let referralId: string;

  it('is started, filled in, and given five documents with progress shown and refusals explained', async () => {
    referrer = await openSignedIn(suite.world.referrer.username, '/referrals/new');
    await heading(referrer, 'Make a referral');
    await referrer.getByLabel(FORM).check();
    await referrer.getByRole('button', { name: 'Continue' }).click();
    await referrer.waitForURL('**/referrals/new/ihr1');

    for (const s of IHR1.steps.slice(0, 4)) {
      await step(referrer, s.title);
      await answerStep(referrer, IHR1, s.title, data);
    }
    // Saved with its first answers, the form took the draft's address.
    referralId = await savedReferralId(referrer);
    await step(referrer, '05 Supporting documents');
    await expectAccessible(referrer, 'IHR1 step 05 before uploads');

    // Judged by content: a picture named as a PDF is refused, with the reason in the error summary.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e0a1f1a10000000049454e44ae426082',
      'hex',
    );
    await referrer
      .getByLabel('Application form')
      .setInputFiles({ name: 'application.pdf', mimeType: 'application/pdf', buffer: png });
    await summary(referrer)
      .getByRole('link', {
        name: 'application.pdf must be a Word document, an Excel workbook, a plain text file or a PDF.',
      })
      .waitFor();
    await expectAccessible(referrer, 'step 05 with a refused upload');
    await summary(referrer).getByRole('link').click();
    await expect.poll(() => referrer.evaluate(() => document.activeElement?.id)).toBe('document-application');

    // Too big is refused in the browser before anything is sent.
    await referrer
      .getByLabel('Application form')
      .setInputFiles({ name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
    await summary(referrer).getByRole('link', { name: 'huge.txt must be smaller than 10 MB' }).waitFor();

    await referrer.getByLabel('Application form').setInputFiles({
      name: 'application.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('IHR1 application form'),
    });
    await referrer.getByRole('heading', { name: 'Application form', level: 2 }).waitFor();
    expect(await summary(referrer).count()).toBe(0);

    // A slow connection: the upload's progress is shown while it goes.
    const cdp = await referrer.context().newCDPSession(referrer);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    await referrer.getByLabel('Reports to management').setInputFiles({
      name: 'management-reports.txt',
      mimeType: 'text/plain',
      buffer: text('Attendance review notes.\n'.repeat(80_000)),
    });
    const progress = referrer.getByRole('progressbar', { name: /^Uploading management-reports\.txt: \d+%$/ });
    await progress.waitFor();
    await expectAccessible(referrer, 'step 05 while uploading');
    await referrer.getByRole('heading', { name: 'Reports to management', level: 2 }).waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await referrer
      .getByLabel('Clinical records')
      .setInputFiles({ name: 'gp-records.pdf', mimeType: 'application/pdf', buffer: await makePdf('GP records') });
    await referrer.getByLabel('Specialist reports').setInputFiles({
      name: 'consultant.txt',
      mimeType: 'text/plain',
      buffer: text('Consultant orthopaedic report.'),
    });
    await referrer
      .getByLabel("Member's own medical reports")
      .setInputFiles({ name: 'own-report.pdf', mimeType: 'application/pdf', buffer: await makePdf('Own report') });
    for (const slot of ['Clinical records', 'Specialist reports', "Member's own medical reports"]) {
      await referrer.getByRole('heading', { name: slot, level: 2 }).waitFor();
    }
    expect(await referrer.locator('input[type=file]').count()).toBe(0);
    await expectAccessible(referrer, 'step 05 with five documents');
    const stored = await suite.portal.sys.db('documents').where({ referralId }).select('slot', 'contentType');
    expect(stored.map((d: { slot: string }) => d.slot).sort()).toEqual([
      'application',
      'clinical-records',
      'management-reports',
      'member-reports',
      'specialist-reports',
    ]);
  });

  it('is saved for later and found again after signing out, documents and all', async () => {
    await referrer.getByRole('button', { name: 'Save For Later' }).click();
    await referrer.getByText('Your referral has been saved').waitFor();
    await signOut(referrer);

    await signIn(referrer, suite.world.referrer.username);
    await menu(referrer).getByRole('link', { name: 'Saved Referrals' }).click();
    await heading(referrer, 'Saved Referrals');
    await referrer.getByRole('link', { name: 'Continue Eddie Employee' }).click();
    // Continue opens the first step with a question left; documents are optional.
    await heading(referrer, '06 Declaration');
    await step(referrer, '05 Supporting documents');
    for (const name of [
      'application.pdf',
      'management-reports.txt',
      'gp-records.pdf',
      'consultant.txt',
      'own-report.pdf',
    ]) {
      await referrer.getByRole('link', { name: `Remove ${name}` }).waitFor();
    }
    // Removing one brings its upload control back.
    await referrer.getByRole('link', { name: 'Remove consultant.txt' }).click();
    await referrer.getByLabel('Specialist reports').waitFor();
    await referrer.getByLabel('Specialist reports').setInputFiles({
      name: 'consultant.txt',
      mimeType: 'text/plain',
      buffer: text('Consultant orthopaedic report, revised.'),
    });
    await referrer.getByRole('heading', { name: 'Specialist reports', level: 2 }).waitFor();
  });

  it('is submitted and waits in the manager’s Approval Queue, who approves it', async () => {
    await step(referrer, '06 Declaration');
    await answerStep(referrer, IHR1, '06 Declaration', data);
    await continueToCheckAnswers(referrer);
    await referrer.getByText('consultant.txt', { exact: false }).waitFor();
    await expectAccessible(referrer, 'IHR1 check answers with five documents');
    await submitFromCheckAnswers(referrer, referralId);
    await referrer.getByText('Awaiting Manager Approval', { exact: true }).waitFor();
    await expectAccessible(referrer, 'confirmation page awaiting approval');
    await mailTo(suite.world.referrer.email, `${FORM} referral submitted`);
    await mailTo(suite.world.manager.email, `${FORM} referral awaiting your approval`);
    await approveAsManager('first submission');
  });

  it('is rejected by the clinician with a category the email names and a reason the referrer reads', async () => {
    clinician = await openSignedIn(suite.world.clinician.username, '/triage');
    await heading(clinician, 'Triage Queue');
    await openFromPagedList(
      clinician,
      clinician.getByRole('row').filter({ hasText: `Client ${suite.world.tag}` }),
      'Open referral for Eddie Employee',
    );
    await heading(clinician, 'Referral for Eddie Employee');
    await clinician.getByRole('button', { name: 'Reject referral' }).click();
    const errors = summary(clinician).getByRole('link');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([
      'Select why the referral is being rejected',
      'Enter the reason for rejecting the referral',
    ]);
    await expectAccessible(clinician, 'triage with a missing category and reason');
    // The summary's link takes the clinician to the first radio, as GOV.UK's error summary does.
    await errors.first().click();
    await expect.poll(() => activeId(clinician)).toBe('category');
    const categories = clinician.getByRole('group', { name: 'Why is the referral being rejected?' });
    await categories.getByRole('radio', { name: 'More information needed' }).check();
    await clinician
      .getByLabel('Reason for rejecting the referral')
      .fill('Please include the date the member last worked.');
    await clinician.getByRole('button', { name: 'Reject referral' }).click();
    await banner(clinician, 'Referral rejected');
    const mail = await mailTo(suite.world.referrer.email, `Rejected ${FORM} referral`);
    expect(mail.text).toContain('Reason: More information needed');
    expect(mail.text).toContain('Please include the date the member last worked.');
    expect(mail.html).toContain('Please include the date the member last worked.');
  });

  it('is re-referred from Saved Referrals → Rejected Referrals, completed and submitted again', async () => {
    await menu(referrer).getByRole('link', { name: 'Saved Referrals' }).click();
    await selectTab(referrer, 'Rejected Referrals');
    await referrer.getByRole('table', { name: 'Rejected Referrals' }).waitFor();
    await expectAccessible(referrer, 'Saved Referrals: Rejected Referrals');
    await referrer.getByRole('link', { name: 'View reason Eddie Employee' }).click();
    await referrer.getByText('More information needed', { exact: true }).waitFor();
    await referrer.getByText('Please include the date the member last worked.').waitFor();
    await expectAccessible(referrer, 'rejected referral page');
    await referrer.goBack();

    await referrer.getByRole('button', { name: 'Re-Refer Eddie Employee' }).click();
    // Nothing is missing, so it opens on its answers, each with a Change link.
    await referrer.waitForURL(`**/referrals/${referralId}/check`);
    await heading(referrer, CHECK_ANSWERS);
    await referrer.getByRole('link', { name: 'Change Date last worked' }).click();
    await heading(referrer, '03 Reason for referral');
    await expect.poll(() => activeId(referrer)).toBe('dateLastWorked-day');
    const lastWorked = referrer.getByRole('group', { name: 'Date last worked' });
    await lastWorked.getByLabel('Day').fill('30');
    await lastWorked.getByLabel('Month').fill('9');
    await lastWorked.getByLabel('Year').fill('2026');
    await referrer.getByRole('button', { name: 'Save and Return to Check Answers' }).click();
    await heading(referrer, CHECK_ANSWERS);
    await referrer.getByText('30 September 2026', { exact: true }).waitFor();
    await submitFromCheckAnswers(referrer, referralId);
    await referrer.getByText('Awaiting Manager Approval', { exact: true }).waitFor();
    await approveAsManager('re-referral');
  });

  it('is accepted by the clinician, who books an appointment, records a DNA and rebooks', async () => {
    await clinician.goto(`/triage/${referralId}`);
    await clinician.getByRole('button', { name: 'Accept referral' }).click();
    const accepted = clinician.getByRole('alert').getByText(/^Referral accepted as case /);
    caseNumber = (await accepted.textContent())!.replace('Referral accepted as case ', '');
    await clinician.getByRole('link', { name: /Open the case/ }).click();
    await heading(clinician, `Case ${caseNumber}`);
    await expectAccessible(clinician, 'clinician case page');

    await selectTab(clinician, 'Actions');
    await clinician.getByText('Nothing has been booked yet.').waitFor();
    await expectAccessible(clinician, 'Actions tab, nothing booked');
    await clinician.getByRole('button', { name: 'Book', exact: true }).click();
    await summary(clinician).getByRole('link', { name: 'Enter the date' }).waitFor();
    await fillWhen(clinician, 'When', { day: '15', month: '1', year: '2027', time: '10:30' });
    await clinician.getByRole('group', { name: 'How will the appointment be held?' }).getByLabel('Telephone').check();
    await clinician.getByRole('button', { name: 'Book', exact: true }).click();
    await banner(clinician, 'Booked');
    await clinician.getByRole('heading', { name: 'Appointment: 15 January 2027 at 10:30' }).waitFor();
    await expectAccessible(clinician, 'Actions tab with an appointment');
    await mailTo(suite.world.referrer.email, `Appointment booked: case ${caseNumber}`);

    await clinician
      .getByRole('button', { name: 'Did not attend (DNA) for the appointment on 15 January 2027 at 10:30' })
      .click();
    await banner(clinician, 'Recorded: Did not attend (DNA)');
    await mailTo(suite.world.referrer.email, `Appointment not attended: case ${caseNumber}`);

    await fillWhen(clinician, 'Rebook for', { day: '22', month: '1', year: '2027', time: '14:00' });
    await clinician.getByRole('button', { name: 'Rebook' }).click();
    await banner(clinician, 'Rebooked');
    await clinician.getByRole('heading', { name: 'Appointment: 22 January 2027 at 14:00' }).waitFor();
    expect(await clinician.getByRole('button', { name: 'Rebook' }).count()).toBe(0);
    await expectAccessible(clinician, 'Actions tab after rebooking');

    // A second DNA reaches the organisation's threshold: closing the case is offered.
    await clinician
      .getByRole('button', { name: 'Did not attend (DNA) for the appointment on 22 January 2027 at 14:00' })
      .click();
    await clinician
      .getByRole('alert')
      .getByText('The employee has missed appointments repeatedly: you can close the case under Consent and closure.')
      .waitFor();
  });

  it('asks the employee for consent, which they give through the emailed link', async () => {
    await selectTab(clinician, 'Consent and closure');
    await expectAccessible(clinician, 'Consent and closure tab');
    await clinician.getByRole('button', { name: 'Email the employee for consent' }).click();
    await banner(clinician, 'Consent requested');
    await clinician.getByText('Awaiting Employee Consent', { exact: true }).waitFor();

    const mail = await mailTo(employeeEmail, 'Your occupational health referral: your consent');
    const employee = await newPage();
    await employee.goto(linkIn(mail.text, suite.portal.url));
    await heading(employee, 'Do you consent to the occupational health referral?');
    await employee.getByText(`Client ${suite.world.tag} has referred you`).waitFor();
    await expectAccessible(employee, 'employee consent page');
    await employee.getByRole('button', { name: 'Send my answer' }).click();
    await summary(employee).getByRole('link', { name: 'Choose whether you give your consent' }).waitFor();
    await expectAccessible(employee, 'employee consent page with an error');
    // With the keyboard alone: the error links to the question; Space chooses, Enter sends.
    await expect
      .poll(() => employee.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')))
      .toBe(true);
    await employee.keyboard.press('Tab');
    await employee.keyboard.press('Enter');
    await expect.poll(() => employee.evaluate(() => document.activeElement?.id)).toBe('decision');
    await employee.keyboard.press('Space');
    expect(await employee.getByLabel('Yes, I give my consent').isChecked()).toBe(true);
    await employee.getByLabel('Yes, I give my consent').press('Enter');
    await heading(employee, 'Thank you: your consent has been recorded');
    await expectAccessible(employee, 'employee consent recorded');

    // The link works once.
    await employee.reload();
    await heading(employee, 'This consent link cannot be used');
    await employee.context().close();
  });

  it('issues an advice letter the employee checks before the referrer can read it', async () => {
    await clinician.reload();
    await heading(clinician, `Case ${caseNumber}`);
    await selectTab(clinician, 'Documents');
    for (const name of [
      'application.pdf',
      'management-reports.txt',
      'gp-records.pdf',
      'consultant.txt',
      'own-report.pdf',
    ]) {
      await clinician.getByRole('link', { name, exact: true }).waitFor();
    }
    const download = clinician.waitForEvent('download');
    await clinician.getByRole('link', { name: 'consultant.txt', exact: true }).click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of file) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('Consultant orthopaedic report, revised.');

    // The referral says the employee wants to see it first, so the question starts at Yes.
    expect(
      await clinician
        .getByRole('group', { name: /Does the employee check the letter/ })
        .first()
        .getByLabel('Yes')
        .isChecked(),
    ).toBe(true);
    await clinician
      .getByLabel('Letter', { exact: true })
      .fill(
        'The member has a permanent condition that prevents them from doing their job.\n\nThey meet the criteria for ill health retirement.',
      );
    await clinician.getByRole('button', { name: 'Issue advice letter' }).click();
    await banner(clinician, 'Advice letter sent to the employee to check');
    await expectAccessible(clinician, 'Documents tab with a letter awaiting the employee');

    await referrer.goto(`/cases/${referralId}?tab=documents`);
    await heading(referrer, `Case ${caseNumber}`);
    await referrer.getByText('Awaiting employee response', { exact: true }).waitFor();
    expect(await referrer.getByRole('link', { name: /View Document/ }).count()).toBe(0);
    expect(await referrer.getByRole('tab', { name: 'Consent and closure' }).count()).toBe(0);
    await expectAccessible(referrer, 'referrer documents tab, letter awaiting the employee');

    const mail = await mailTo(employeeEmail, 'Your occupational health advice letter is ready for you to check');
    const employee = await newPage();
    await employee.goto(linkIn(mail.text, suite.portal.url));
    await heading(employee, 'Check your advice letter');
    await expectAccessible(employee, 'employee letter page');
    const letter = employee.waitForEvent('download');
    await employee.getByRole('link', { name: 'Read your advice letter (PDF)' }).click();
    const pdfChunks: Buffer[] = [];
    for await (const c of await (await letter).createReadStream()) pdfChunks.push(c as Buffer);
    expect(Buffer.concat(pdfChunks).subarray(0, 5).toString()).toBe('%PDF-');
    await employee.getByLabel('Yes, it is factually accurate').check();
    await employee.getByRole('button', { name: 'Send my answer' }).click();
    await heading(employee, 'Thank you: your letter has been released');
    await expectAccessible(employee, 'employee letter released');
    await employee.reload();
    await heading(employee, 'This letter link cannot be used');
    await expectAccessible(employee, 'employee letter link used');
    await employee.context().close();

    await mailTo(suite.world.referrer.email, `Advice letter available: case ${caseNumber}`);
    await referrer.reload();
    const view = referrer.getByRole('link', { name: /^View Document/ });
    await view.waitFor();
    const released = referrer.waitForEvent('download');
    await view.click();
    const releasedChunks: Buffer[] = [];
    for await (const c of await (await released).createReadStream()) releasedChunks.push(c as Buffer);
    expect(Buffer.concat(releasedChunks).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(referrer, 'referrer documents tab, letter released');

    // A letter written elsewhere is uploaded as a PDF; this one goes straight to the referrer.
    await clinician.getByRole('button', { name: 'Upload advice letter' }).click();
    await summary(clinician).getByRole('link', { name: 'Select the advice letter PDF to upload' }).waitFor();
    await clinician
      .getByLabel('Advice letter (PDF, smaller than 10 MB)')
      .setInputFiles({ name: 'addendum.txt', mimeType: 'application/pdf', buffer: text('not a PDF') });
    await clinician.getByRole('button', { name: 'Upload advice letter' }).click();
    await summary(clinician).getByRole('link', { name: 'The advice letter must be a PDF' }).waitFor();
    await expectAccessible(clinician, 'letter upload refused');
    await clinician.getByLabel('Advice letter (PDF, smaller than 10 MB)').setInputFiles({
      name: 'addendum.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Addendum to the advice letter'),
    });
    await clinician.locator('#upload-review-2').check();
    await clinician.getByRole('button', { name: 'Upload advice letter' }).click();
    await banner(clinician, 'Advice letter issued');
    await referrer.reload();
    await expect.poll(() => referrer.getByRole('link', { name: /^View Document/ }).count()).toBe(2);
  });

  it('is closed with an outcome and recall date, which the referrer sees; re-referring starts a new referral', async () => {
    // The clinician finds the case again among every organisation's open cases.
    await menu(clinician).getByRole('link', { name: 'Cases', exact: true }).click();
    await heading(clinician, 'Cases');
    await clinician.getByLabel('Search Open and Closed Cases').fill(caseNumber);
    await clinician.getByRole('button', { name: 'Search', exact: true }).click();
    const row = clinician
      .getByRole('table', { name: 'Search results' })
      .getByRole('row', { name: new RegExp(caseNumber) });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Open Cases');
    expect(await row.getByRole('cell').nth(3).textContent()).toBe(`Client ${suite.world.tag}`);
    await expectAccessible(clinician, 'Cases (clinician)');
    await row.getByRole('link', { name: 'View Eddie Employee' }).click();
    await heading(clinician, `Case ${caseNumber}`);
    await selectTab(clinician, 'Consent and closure');
    await clinician.getByRole('button', { name: 'Close case' }).click();
    await summary(clinician).getByRole('link', { name: 'Enter the outcome of the case' }).waitFor();
    await clinician.getByLabel('Outcome').fill('Ill health retirement supported.');
    const recall = clinician.getByRole('group', { name: 'Recall date (optional)' });
    await recall.getByLabel('Day').fill('31');
    await recall.getByLabel('Month').fill('3');
    await recall.getByLabel('Year').fill('2027');
    await clinician.getByRole('button', { name: 'Close case' }).click();
    await banner(clinician, 'Case closed');
    await clinician.getByText('Closed', { exact: true }).first().waitFor();
    expect(await clinician.getByRole('tab', { name: 'Consent and closure' }).count()).toBe(0);
    await expectAccessible(clinician, 'closed case, clinician');

    await menu(referrer).getByRole('link', { name: 'Track Referrals' }).click();
    await selectTab(referrer, 'Closed Cases');
    await referrer
      .getByRole('table', { name: 'Closed Cases' })
      .getByRole('row', { name: /Eddie Employee/ })
      .getByRole('link', { name: 'View Eddie Employee' })
      .click();
    await heading(referrer, `Case ${caseNumber}`);
    await referrer.getByText('Ill health retirement supported.').waitFor();
    await referrer.getByText('31 March 2027').waitFor();
    await expectAccessible(referrer, 'closed case, referrer');

    await referrer.getByRole('button', { name: `Re-Refer ${caseNumber}` }).click();
    await referrer.waitForURL(/\/referrals\/[0-9a-f-]{36}\/edit/);
    expect(referrer.url()).not.toContain(referralId);
    await step(referrer, '02 Member Details');
    expect(await referrer.getByLabel("Member's first name (required)").inputValue()).toBe('Eddie');
    expect(await referrer.getByLabel("Member's surname (required)").inputValue()).toBe('Employee');
  });

  it('lets the author delete a draft after confirming', async () => {
    await menu(referrer).getByRole('link', { name: 'Saved Referrals' }).click();
    await heading(referrer, 'Saved Referrals');
    await referrer.getByRole('link', { name: 'Delete Eddie Employee' }).click();
    await heading(referrer, 'Referral for Eddie Employee');
    await referrer.getByRole('heading', { name: 'Are you sure you want to delete this referral?' }).waitFor();
    await expectAccessible(referrer, 'delete confirmation');
    await referrer.getByRole('button', { name: 'Yes, delete it' }).click();
    await banner(referrer, 'Referral deleted');
    await referrer.getByText('You have no saved referrals.').waitFor();
    await expectAccessible(referrer, 'Saved Referrals after deleting');
  });
});
