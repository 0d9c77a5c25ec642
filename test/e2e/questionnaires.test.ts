import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_QUESTIONNAIRES } from '../../db/reference-data/questionnaire-types.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { EMPLOYEE_PASSWORD, HEALTH_ASSESSMENT_ANSWERS } from '../helpers/questionnaires.ts';
import { answer, browserSuite, heading, linkIn, menu, signIn, summary } from './support.ts';

/**
 * A health questionnaire in the browser, as its people live it: the manager requests it, the
 * employee (no account) completes it through the emails they are sent, a clinician accepts it
 * fit, and the manager downloads the certificate without ever seeing an answer.
 */
const suite = browserSuite();
const newPage = () => suite.pages.open();
const DEFINITION = BUILT_IN_QUESTIONNAIRES.find((q) => q.key === 'health-assessment')!;
const employeeEmail = 'quinn.questionnaire@home.test';

const mailTo = (to: string, subject: RegExp) =>
  suite.portal.sys.mail.waitFor((m) => m.to.includes(to) && subject.test(m.subject));

async function answerPage(page: Page, key: string) {
  const definition = DEFINITION.pages.find((p) => p.key === key)!;
  await heading(page, definition.title);
  const answers = HEALTH_ASSESSMENT_ANSWERS[key]!;
  for (const question of definition.questions) {
    const value = answers[question.name];
    if (value !== undefined) await answer(page, question, value);
  }
}

describe('a health questionnaire in the browser', () => {
  it('is requested, completed by the employee through the emails, accepted fit and its certificate downloaded', async () => {
    const { world, portal } = suite;

    // The manager requests it; the question page shows its errors in a summary first.
    const manager = await newPage();
    await signIn(manager, world.referrer.username);
    await menu(manager).getByRole('link', { name: 'Request Questionnaire' }).click();
    await heading(manager, 'Request Questionnaire');
    await expectAccessible(manager, 'Request Questionnaire');
    await manager.getByRole('button', { name: 'Send questionnaire' }).click();
    await summary(manager).getByText('Select the questionnaire the employee should complete').waitFor();
    await expectAccessible(manager, 'Request Questionnaire with errors');
    await manager.getByLabel('Health Assessment (pre-placement)').check();
    await manager.getByLabel('Employee’s first name').fill('Quinn');
    await manager.getByLabel('Employee’s surname').fill('Questionnaire');
    await manager.getByLabel('Employee’s job title').fill('Night porter');
    await manager.getByLabel('Employee’s email address').fill(employeeEmail);
    await manager.getByRole('button', { name: 'Send questionnaire' }).click();
    await heading(manager, 'Questionnaire sent');
    await expectAccessible(manager, 'questionnaire sent');

    // The employee follows the emailed link, proves the mailbox and chooses a password.
    const invitation = await mailTo(employeeEmail, /asked you to complete a health questionnaire/);
    const employee = await newPage();
    await employee.goto(linkIn(invitation.text, `${portal.url}/questionnaire?token=`));
    await heading(employee, /Health Assessment \(pre-placement\) from/);
    await expectAccessible(employee, 'questionnaire link');
    await employee.getByRole('button', { name: 'Email me a code' }).click();
    const codeMail = await mailTo(employeeEmail, /one-time code/);
    const code = /code is (\d{6})/.exec(codeMail.text)![1]!;
    await employee.getByLabel('Code from the email').fill(code);
    await employee.getByLabel('Password', { exact: true }).fill(EMPLOYEE_PASSWORD);
    await employee.getByLabel('Confirm password').fill(EMPLOYEE_PASSWORD);
    await expectAccessible(employee, 'code and password');
    await employee.getByRole('button', { name: 'Continue' }).click();

    // One topic per page: Continue checks the page; Save and come back later does not.
    const first = DEFINITION.pages[0]!;
    await heading(employee, first.title);
    await employee.getByRole('button', { name: 'Continue' }).click();
    await summary(employee).waitFor();
    await expectAccessible(employee, 'question page with errors');
    await answerPage(employee, first.key);
    await employee.getByRole('button', { name: 'Continue' }).click();
    await answerPage(employee, DEFINITION.pages[1]!.key);
    await employee.getByRole('button', { name: 'Save and come back later' }).click();
    await employee.getByText('Your answers have been saved').waitFor();
    await expectAccessible(employee, 'question page saved');
    await employee.context().close();

    // Coming back: email address and password, straight to the first page with a question left.
    const back = await newPage();
    await back.goto(`${portal.url}/questionnaire/sign-in`);
    await heading(back, 'Sign in to your health questionnaire');
    await expectAccessible(back, 'employee sign in');
    await back.getByLabel('Email address').fill(employeeEmail);
    await back.getByLabel('Password').fill(EMPLOYEE_PASSWORD);
    await back.getByRole('button', { name: 'Sign in' }).click();
    await answerPage(back, DEFINITION.pages[2]!.key);
    await back.getByRole('button', { name: 'Continue' }).click();

    // Check your answers, a Change link back and forth, the declaration, submit.
    await heading(back, 'Check your answers before submitting');
    await back.getByText('Mild asthma, well controlled').waitFor();
    await expectAccessible(back, 'check your answers');
    await back.getByRole('button', { name: 'Submit questionnaire' }).click();
    await summary(back).getByText('Confirm that your answers are true and complete').waitFor();
    await back
      .getByRole('link', { name: /Change .*telephone/i })
      .first()
      .click();
    await heading(back, first.title);
    await back.locator('#telephone:focus').waitFor();
    await back.getByRole('button', { name: 'Save and return to Check your answers' }).click();
    await heading(back, 'Check your answers before submitting');
    await back.getByRole('checkbox').check();
    await back.getByRole('button', { name: 'Submit questionnaire' }).click();
    await heading(back, 'Questionnaire submitted');
    await expectAccessible(back, 'questionnaire submitted');
    await back.context().close();

    // A clinician reviews it from the clinician's menu and accepts it fit.
    const clinician = await newPage();
    await signIn(clinician, world.clinician.username);
    await menu(clinician).getByRole('link', { name: 'Questionnaire Review' }).click();
    await heading(clinician, 'Questionnaire Review');
    await expectAccessible(clinician, 'Questionnaire Review queue');
    await clinician.getByRole('link', { name: 'Open questionnaire for Quinn Questionnaire' }).click();
    await heading(clinician, /Review: Health Assessment/);
    await clinician.getByText('Mild asthma, well controlled').waitFor();
    await expectAccessible(clinician, 'questionnaire review');
    await clinician.getByLabel('Accept with an outcome').check();
    await clinician.getByLabel('Fit', { exact: true }).check();
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await clinician.getByText('Outcome recorded: Fit').waitFor();
    await clinician.context().close();

    // The manager finds it Completed, opens it (activity, never answers) and downloads the certificate.
    await menu(manager).getByRole('link', { name: 'Track Questionnaires' }).click();
    await heading(manager, 'Track Questionnaires');
    await manager.getByRole('tab', { name: 'Completed' }).click();
    await manager.getByRole('tab', { name: 'Completed', selected: true }).waitFor();
    await manager.getByRole('link', { name: 'Download the certificate for Quinn Questionnaire' }).waitFor();
    await expectAccessible(manager, 'Track Questionnaires, Completed');
    await manager.getByRole('link', { name: /questionnaire for Quinn Questionnaire/ }).click();
    await heading(manager, /Health Assessment \(pre-placement\) for Quinn Questionnaire/);
    await manager.getByText('Fit', { exact: true }).waitFor();
    await expectAccessible(manager, 'questionnaire case view');
    expect(await manager.locator('main').textContent()).not.toContain('asthma');
    const href = await manager.getByRole('link', { name: 'Download the certificate (PDF)' }).getAttribute('href');
    const pdf = await manager.request.get(`${portal.url}${href}`);
    expect(pdf.status()).toBe(200);
    const { text } = await extractText(new Uint8Array(await pdf.body()), { mergePages: true });
    expect(text).toContain('Quinn Questionnaire');
    expect(text).not.toContain('asthma');
    const answersRead = await manager.request.get(
      `${portal.url}/api/questionnaire-review/${/questionnaires\/([0-9a-f-]+)/.exec(manager.url())![1]}/answers`,
    );
    expect(answersRead.status()).toBe(403);
  });
});
