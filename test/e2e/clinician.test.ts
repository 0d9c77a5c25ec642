import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { makePdf } from '../helpers/files.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { banner, browserSuite, fillWhen, heading, signIn, summary } from './support.ts';

/**
 * The clinician's day in the browser: reading a referral and its documents at triage, writing an
 * advice letter between its fixed opening and closing and previewing it before issuing, and booking
 * appointments of each type without booking one twice. The referral is made through the API: the
 * referrer's journey has its own tests.
 */
const suite = browserSuite();
const employeeEmail = 'eddie.employee@home.test';

async function submittedWithDocument() {
  const referrer = await ApiCaller.signIn(suite.portal.sys.app, suite.world.referrer.username, PASSWORD);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeEmail }),
  });
  const form = new FormData();
  form.set('file', new File([Buffer.from(await makePdf('GP report: fit for adjusted duties'))], 'gp-report.pdf'));
  expect((await referrer.upload(`/api/referrals/${body.id}/documents`, form)).status).toBe(201);
  expect((await referrer.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
  return body.id as string;
}

async function selectTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tab', { name, selected: true }).waitFor();
}

const errorLinks = async (page: Page) => {
  await summary(page).getByRole('link').first().waitFor();
  return summary(page).getByRole('link').allTextContents();
};

describe('the clinician', () => {
  let clinician: Page;
  let referralId: string;
  let caseNumber: string;

  it('reads the referral form and its documents at triage, each download audited', async () => {
    referralId = await submittedWithDocument();
    clinician = await suite.pages.open();
    await signIn(clinician, suite.world.clinician.username);
    await clinician.goto(`/triage/${referralId}`);
    await heading(clinician, 'Referral for Eddie Employee');
    await clinician.getByRole('heading', { name: 'Referral answers' }).waitFor();
    await clinician.getByText('Back pain affecting attendance.').waitFor();
    const documents = clinician.getByRole('table', { name: 'Supporting documents' });
    await documents.getByRole('cell', { name: 'Supporting document' }).waitFor();
    await expectAccessible(clinician, 'triage page with a supporting document');

    const download = clinician.waitForEvent('download');
    await documents.getByRole('link', { name: 'gp-report.pdf' }).click();
    const chunks: Buffer[] = [];
    for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    const { db } = suite.portal.sys;
    const { id: documentId } = await db('documents').where({ referralId }).first('id');
    expect(
      await db('audit_log').where({ action: 'document.downloaded', targetId: documentId }).select('actorId'),
    ).toEqual([{ actorId: suite.world.clinician.id }]);

    await clinician.getByRole('button', { name: 'Accept referral' }).click();
    const accepted = clinician.getByRole('alert').getByText(/^Referral accepted as case /);
    caseNumber = (await accepted.textContent())!.replace('Referral accepted as case ', '');
  });

  it('writes only the body of the advice letter, previews the PDF, then issues it', async () => {
    await clinician.goto(`/cases/${referralId}?tab=documents`);
    await heading(clinician, `Case ${caseNumber}`);
    const letter = clinician.getByLabel('Letter', { exact: true });
    await letter.waitFor();
    // The fixed opening and closing stand around the box, and are read with it.
    expect(await clinician.locator('#letter-body-opening').textContent()).toBe(
      `Dear Referrer Tester${suite.world.tag},`,
    );
    // On two lines: the closing, then who signs.
    expect(
      await clinician
        .locator('#letter-body-closing')
        .evaluate((p) => [...p.childNodes].map((n) => (n.nodeName === 'BR' ? '|' : n.textContent)).join('')),
    ).toBe(`Yours sincerely,|Clinician Tester${suite.world.tag}`);
    expect(await letter.getAttribute('aria-describedby')).toBe(
      'letter-body-hint letter-body-opening letter-body-closing',
    );
    await clinician
      .getByText('Write the body of the letter only. The opening and the closing shown here are added for you.')
      .waitFor();
    await expectAccessible(clinician, 'letter form with its fixed opening and closing');

    await clinician.getByRole('button', { name: 'Preview letter' }).click();
    expect(await errorLinks(clinician)).toEqual(['Write the advice letter']);
    await expectAccessible(clinician, 'letter preview refused without a body');

    await letter.fill('The employee is fit for work with adjusted hours.\n\nReview in six weeks.');
    // Keeps what the page hands the new tab, to read it here (the portal's CSP forbids fetching it back).
    await clinician.evaluate(() => {
      const held: Blob[] = [];
      (window as unknown as { previewed: Blob[] }).previewed = held;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) held.push(blob);
        return create(blob);
      };
    });
    const answer = clinician.waitForResponse((r) => r.url().endsWith(`/api/cases/${referralId}/letters/preview`));
    const popup = clinician.waitForEvent('popup');
    await clinician.getByRole('button', { name: 'Preview letter' }).click();
    const preview = await answer;
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    // What the new tab opened is that PDF, held by the portal's page.
    const tab = await popup;
    expect(tab.url()).toMatch(/^blob:/);
    expect(
      await clinician.evaluate(() => (window as unknown as { previewed: Blob[] }).previewed.map((b) => b.type)),
    ).toEqual(['application/pdf']);
    const start = await clinician.evaluate(() =>
      (window as unknown as { previewed: Blob[] }).previewed[0]!.slice(0, 5).text(),
    );
    expect(start).toBe('%PDF-');
    await tab.close();
    await banner(clinician, 'Letter preview opened in a new tab');
    await clinician.getByRole('link', { name: 'Open the letter preview (PDF, opens in a new tab)' }).waitFor();
    // Nothing was issued: no letter, and the referrer has not been told.
    await clinician.getByText('No advice letter has been issued yet.').waitFor();
    expect(await suite.portal.sys.db('advice_letters').where({ referralId })).toEqual([]);
    await expectAccessible(clinician, 'letter form after a preview');

    // Changing the text makes the preview out of date, so its link goes.
    await letter.press('End');
    await letter.pressSequentially(' Thank you.');
    expect(await clinician.getByRole('link', { name: /Open the letter preview/ }).count()).toBe(0);

    await clinician.getByRole('button', { name: 'Issue advice letter' }).click();
    await banner(clinician, 'Advice letter issued');
    await clinician.getByRole('link', { name: /^View Document/ }).waitFor();
    expect(await letter.inputValue()).toBe('');
  });

  it('books an appointment of each type; the form clears, so it is not booked twice', async () => {
    await selectTab(clinician, 'Actions');
    await clinician.getByText('Nothing has been booked yet.').waitFor();
    const book = clinician.getByRole('button', { name: 'Book', exact: true });
    await book.click();
    expect(await errorLinks(clinician)).toEqual(['Enter the date', 'Select the type of appointment']);
    await expectAccessible(clinician, 'booking refused: no date, no type');

    await fillWhen(clinician, 'When', { day: '15', month: '1', year: '2027', time: '10:30' });
    const how = clinician.getByRole('group', { name: 'How will the appointment be held?' });
    await how.getByLabel('Face to face').check();
    await book.click();
    expect(await errorLinks(clinician)).toEqual(['Enter the address of the face to face appointment']);
    await summary(clinician).getByRole('link').click();
    await expect.poll(() => clinician.evaluate(() => document.activeElement?.id)).toBe('book-address');
    await expectAccessible(clinician, 'booking refused: face to face without an address');
    await clinician
      .getByLabel('Address of the appointment')
      .fill('Occupational Health Centre\n1 Park Row\nLeeds LS1 5AB');
    await book.click();
    await banner(clinician, 'Booked');

    const card = clinician.locator('.govuk-summary-card', {
      has: clinician.getByRole('heading', { name: 'Appointment: 15 January 2027 at 10:30' }),
    });
    await card.getByText('Face to face', { exact: true }).waitFor();
    await card.getByText(/^Occupational Health Centre\s+1 Park Row\s+Leeds LS1 5AB$/).waitFor();
    // Cleared: sending it again is refused in the browser, not a second appointment.
    const date = clinician.getByRole('group', { name: 'When: date' });
    expect(await date.getByLabel('Day').inputValue()).toBe('');
    expect(await clinician.getByLabel('When: time').inputValue()).toBe('');
    expect(await how.getByLabel('Face to face').isChecked()).toBe(false);
    expect(await clinician.getByLabel('Address of the appointment').count()).toBe(0);
    await expectAccessible(clinician, 'Actions tab after booking face to face');
    await book.click();
    expect(await errorLinks(clinician)).toEqual(['Enter the date', 'Select the type of appointment']);
    expect(await clinician.locator('.govuk-summary-card').count()).toBe(1);
    expect(await suite.portal.sys.db('case_actions').where({ referralId })).toHaveLength(1);
    const told = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(employeeEmail) && m.subject === 'Your occupational health appointment',
    );
    expect(told.text).toContain('Address: Occupational Health Centre, 1 Park Row, Leeds LS1 5AB');

    await fillWhen(clinician, 'When', { day: '16', month: '1', year: '2027', time: '09:15' });
    await how.getByLabel('Video call').check();
    await clinician.getByLabel('Video call link').fill('meet.example.com/abc');
    await book.click();
    expect(await errorLinks(clinician)).toEqual([
      'Enter the link to the video call in the correct format, like https://meet.example.com/abc-defg',
    ]);
    await expectAccessible(clinician, 'booking refused: a video link in the wrong format');
    await clinician.getByLabel('Video call link').fill('https://meet.example.com/abc-defg-hij');
    await book.click();
    await banner(clinician, 'Booked');
    const video = clinician.locator('.govuk-summary-card', {
      has: clinician.getByRole('heading', { name: 'Appointment: 16 January 2027 at 09:15' }),
    });
    await video.getByRole('link', { name: 'https://meet.example.com/abc-defg-hij' }).waitFor();
    await expectAccessible(clinician, 'Actions tab with a video call');
  });

  it('cancels an appointment and rebooks it by telephone, the employee told of each', async () => {
    await clinician
      .getByRole('button', { name: 'Cancelled (Canx) for the appointment on 15 January 2027 at 10:30' })
      .click();
    await banner(clinician, 'Recorded: Cancelled (Canx)');
    await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(employeeEmail) && m.subject === 'Your occupational health appointment has been cancelled',
    );
    // The rebooking starts as the appointment was held.
    const how = clinician.getByRole('group', { name: 'How will the rebooked appointment be held?' });
    expect(await how.getByLabel('Face to face').isChecked()).toBe(true);
    await expectAccessible(clinician, 'Actions tab with a rebooking form');
    await fillWhen(clinician, 'Rebook for', { day: '22', month: '1', year: '2027', time: '14:00' });
    await how.getByLabel('Telephone').check();
    await clinician.getByRole('button', { name: 'Rebook' }).click();
    await banner(clinician, 'Rebooked');
    const card = clinician.locator('.govuk-summary-card', {
      has: clinician.getByRole('heading', { name: 'Appointment: 22 January 2027 at 14:00' }),
    });
    await card.getByText('Telephone', { exact: true }).waitFor();
    const moved = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(employeeEmail) && m.subject === 'Your occupational health appointment has changed',
    );
    expect(moved.text).toContain('Type: Telephone');
    expect(moved.text).not.toContain('Back pain');
  });
});
