import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_QUESTIONNAIRES } from '../../db/reference-data/questionnaire-types.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import {
  EMPLOYEE_PASSWORD,
  employeeCompletes,
  employeeSignsUp,
  HEALTH_ASSESSMENT_ANSWERS,
  nthMail,
} from '../helpers/questionnaires.ts';
import { answer, banner, browserSuite, fillWhen, heading, linkIn, menu, signIn, summary } from './support.ts';

/**
 * A health questionnaire in the browser, as its people live it: the manager requests it, the
 * employee (no account) completes it through the emails they are sent, a clinician accepts it
 * fit, and the manager downloads the certificate without ever seeing an answer. Then the other
 * paths, each from a questionnaire requested (and completed) through the API: an appointment
 * missed, rebooked and attended before the outcome; a resend to a new address; a question back
 * to the employee.
 */
const suite = browserSuite();
const newPage = () => suite.pages.open();
const DEFINITION = BUILT_IN_QUESTIONNAIRES.find((q) => q.key === 'health-assessment')!;
const employeeEmail = 'quinn.questionnaire@home.test';

const mailTo = (to: string, subject: RegExp) =>
  suite.portal.sys.mail.waitFor((m) => m.to.includes(to) && subject.test(m.subject));

let n = 0;

/** Requested by the world's referrer through the API: its id, the employee's address and the emailed link. */
async function requested(firstName: string) {
  const email = `${firstName.toLowerCase()}${++n}-${suite.world.tag}@home.test`;
  const referrer = await ApiCaller.signIn(suite.portal.sys.app, suite.world.referrer.username, PASSWORD);
  const res = await referrer.post('/api/questionnaires', {
    typeKey: 'health-assessment',
    employeeFirstName: firstName,
    employeeSurname: 'Questionnaire',
    employeeJobTitle: 'Night porter',
    employeeEmail: email,
  });
  expect(res.status).toBe(201);
  const invitation = await mailTo(email, /asked you to complete a health questionnaire/);
  const link = linkIn(invitation.text, `${suite.portal.url}/questionnaire?token=`);
  return { id: res.body.id as string, email, referrer, link, employee: `${firstName} Questionnaire` };
}

/** Requested, then completed and submitted by the employee through the API: awaiting clinical review. */
async function submitted(firstName: string) {
  const q = await requested(firstName);
  const token = new URL(q.link).searchParams.get('token')!;
  await employeeCompletes(await employeeSignsUp(suite.portal.sys, q.email, token));
  return q;
}

/** A clinician signed in, on the questionnaire's review page. */
async function reviewing(id: string) {
  const clinician = await newPage();
  await signIn(clinician, suite.world.clinician.username);
  await clinician.goto(`/questionnaire-review/${id}`);
  await heading(clinician, /^Review: Health Assessment/);
  return clinician;
}

const statusTag = (page: Page, label: string) => page.locator('.app-status-tag', { hasText: label }).waitFor();

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

  it('requires an appointment: booked, missed (DNA), rebooked, attended, then an outcome the manager sees', async () => {
    const { world, portal } = suite;
    const { db } = portal.sys;
    const q = await submitted('Ada');
    const clinician = await reviewing(q.id);
    await clinician.getByLabel('Require an appointment before the outcome').check();
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await banner(clinician, 'An appointment is required');
    await statusTag(clinician, 'Appointment Required');
    await clinician.getByText('Nothing has been booked yet.').waitFor();
    await expectAccessible(clinician, 'questionnaire review, appointment required');

    // A refusal before anything is sent: the error summary, every problem at once.
    const book = clinician.getByRole('button', { name: 'Book', exact: true });
    await book.click();
    await summary(clinician).getByRole('link', { name: 'Enter the date' }).waitFor();
    await summary(clinician).getByRole('link', { name: 'Select the type of appointment' }).waitFor();
    await expectAccessible(clinician, 'questionnaire booking refused');
    const how = clinician.getByRole('group', { name: 'How will the appointment be held?' });
    await fillWhen(clinician, 'When', { day: '15', month: '1', year: '2027', time: '10:30' });
    await how.getByLabel('Telephone').check();
    await book.click();
    await banner(clinician, 'Booked');
    await clinician.getByRole('heading', { name: 'Appointment: 15 January 2027 at 10:30' }).waitFor();
    await mailTo(q.email, /^Your occupational health appointment$/);

    // The same booking again is the API's refusal, in the error summary.
    await fillWhen(clinician, 'When', { day: '15', month: '1', year: '2027', time: '10:30' });
    await how.getByLabel('Telephone').check();
    await book.click();
    await summary(clinician)
      .getByText('This questionnaire already has an open appointment at that date and time.')
      .waitFor();
    await expectAccessible(clinician, 'questionnaire booking refused by the API');

    // Missed, by keyboard: the button takes focus and Enter presses it.
    await clinician
      .getByRole('button', { name: 'Did not attend (DNA) for the appointment on 15 January 2027 at 10:30' })
      .focus();
    await clinician.keyboard.press('Enter');
    await banner(clinician, 'Recorded: Did not attend (DNA)');
    await expectAccessible(clinician, 'questionnaire appointment missed');

    // Rebooked: the form starts as the missed one was held.
    const rebookHow = clinician.getByRole('group', { name: 'How will the rebooked appointment be held?' });
    expect(await rebookHow.getByLabel('Telephone').isChecked()).toBe(true);
    await fillWhen(clinician, 'Rebook for', { day: '22', month: '1', year: '2027', time: '14:00' });
    await rebookHow.getByLabel('Face to face').check();
    await clinician.getByLabel('Address of the appointment').fill('1 Clinic Road, Leeds');
    await clinician.getByRole('button', { name: 'Rebook' }).click();
    await banner(clinician, 'Rebooked');
    await clinician.getByRole('heading', { name: 'Appointment: 22 January 2027 at 14:00' }).waitFor();
    expect(await clinician.getByRole('button', { name: 'Rebook' }).count()).toBe(0);
    await mailTo(q.email, /appointment has changed/);

    await clinician
      .getByRole('button', { name: 'Attended or received (Closed) for the appointment on 22 January 2027 at 14:00' })
      .click();
    await banner(clinician, 'Recorded: Attended or received (Closed)');
    await expectAccessible(clinician, 'questionnaire appointment attended');

    // Then the outcome: only what the status allows is offered.
    const decision = clinician.getByRole('group', { name: 'After the appointment: your decision' });
    expect(await decision.getByRole('radio').count()).toBe(2);
    await decision.getByLabel('Accept with an outcome').check();
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await summary(clinician).getByRole('link', { name: 'Select the outcome' }).waitFor();
    await clinician.getByLabel('Fit with adjustments').check();
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await banner(clinician, 'Outcome recorded: Fit with adjustments');
    await statusTag(clinician, 'Completed');
    expect(await clinician.getByRole('button', { name: 'Book', exact: true }).count()).toBe(0);
    expect(await clinician.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    await expectAccessible(clinician, 'questionnaire review, outcome after the appointment');
    await clinician.context().close();

    // What was stored: the missed appointment, its rebooking attended, the outcome.
    const stored = await db('questionnaire_actions')
      .where({ questionnaireId: q.id })
      .orderBy('scheduledAt')
      .select('id', 'status', 'appointmentType', 'place', 'rebookedFromId');
    expect(stored).toMatchObject([
      { status: 'dna', appointmentType: 'telephone', rebookedFromId: null },
      {
        status: 'closed',
        appointmentType: 'face_to_face',
        place: '1 Clinic Road, Leeds',
        rebookedFromId: stored[0]!.id,
      },
    ]);
    expect(await db('questionnaires').where({ id: q.id }).first('status', 'outcome')).toEqual({
      status: 'completed',
      outcome: 'fit_with_adjustments',
    });
    const seen = (await q.referrer.get(`/api/questionnaires/${q.id}`)).body;
    expect(seen).toMatchObject({ status: 'completed', outcomeLabel: 'Fit with adjustments', certificate: true });
    expect(seen.actions.map((a: { statusLabel: string }) => a.statusLabel)).toEqual(['DNA', 'Closed']);

    // The manager sees the outcome and the appointments, never an answer.
    const manager = await newPage();
    await signIn(manager, world.referrer.username);
    await manager.goto(`/questionnaires/${q.id}`);
    await heading(manager, `Health Assessment (pre-placement) for ${q.employee}`);
    await manager.getByText('Fit with adjustments', { exact: true }).waitFor();
    await manager.getByRole('heading', { name: 'Appointments' }).waitFor();
    await expectAccessible(manager, 'questionnaire case view after an appointment');
    expect(await manager.locator('main').textContent()).not.toContain('asthma');
    expect((await manager.request.get(`${portal.url}/api/questionnaire-review/${q.id}/answers`)).status()).toBe(403);
  });

  it('is resent from Track Questionnaires to a new address: the old link refused, the new one working', async () => {
    const { world, portal } = suite;
    const q = await requested('Bo');
    const newEmail = `bo.moved${n}-${world.tag}@home.test`;
    const manager = await newPage();
    await signIn(manager, world.referrer.username);
    await menu(manager).getByRole('link', { name: 'Track Questionnaires' }).click();
    await heading(manager, 'Track Questionnaires');
    await manager.getByRole('link', { name: `Resend the questionnaire to ${q.employee}` }).click();
    await heading(manager, `Health Assessment (pre-placement) for ${q.employee}`);
    await expectAccessible(manager, 'questionnaire case view with Resend');
    await manager.getByLabel('New email address (optional)').fill('not an address');
    await manager.getByRole('button', { name: 'Resend questionnaire' }).click();
    await summary(manager)
      .getByRole('link', { name: /Enter an email address in the correct format/ })
      .waitFor();
    await expectAccessible(manager, 'Resend refused');
    await manager.getByLabel('New email address (optional)').fill(newEmail);
    await manager.getByRole('button', { name: 'Resend questionnaire' }).click();
    await banner(manager, 'The questionnaire has been sent again');
    await manager.getByText(newEmail, { exact: true }).waitFor();
    await expectAccessible(manager, 'questionnaire resent');
    expect(await portal.sys.db('questionnaires').where({ id: q.id }).first('employeeEmail')).toEqual({
      employeeEmail: newEmail,
    });

    // The new link goes to the new address only.
    const resent = await mailTo(newEmail, /a new link/);
    const newLink = linkIn(resent.text, `${portal.url}/questionnaire?token=`);
    expect(newLink).not.toBe(q.link);

    // The old link opens nothing, and says why and what to do.
    const old = await newPage();
    await old.goto(q.link);
    await heading(old, 'This link no longer works');
    await old.getByText(/a newer link has been sent to you/).waitFor();
    await expectAccessible(old, 'old questionnaire link refused');
    await old.context().close();

    // The new one works: the code goes to the new address, and the employee goes on.
    const employee = await newPage();
    await employee.goto(newLink);
    await heading(employee, /Health Assessment \(pre-placement\) from/);
    // The code goes to the new mailbox, shown masked.
    await employee.getByText(newEmail.replace(/^(.)[^@]*/, '$1•••')).waitFor();
    await employee.getByRole('button', { name: 'Email me a code' }).click();
    const code = /code is (\d{6})/.exec((await mailTo(newEmail, /one-time code/)).text)![1]!;
    await employee.getByLabel('Code from the email').fill(code);
    await employee.getByLabel('Password', { exact: true }).fill(EMPLOYEE_PASSWORD);
    await employee.getByLabel('Confirm password').fill(EMPLOYEE_PASSWORD);
    await employee.getByRole('button', { name: 'Continue' }).click();
    await heading(employee, DEFINITION.pages[0]!.title);
    await expectAccessible(employee, 'resent questionnaire, first page');
    expect(portal.sys.mail.messages().some((m) => m.to.includes(q.email) && /one-time code/.test(m.subject))).toBe(
      false,
    );
  });

  it('is returned with a question: the employee answers it through the new link, and it is back for review', async () => {
    const { portal } = suite;
    const q = await submitted('Cy');
    const clinician = await reviewing(q.id);
    await clinician.getByLabel('Return to the employee with a question').check();
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await summary(clinician).getByRole('link', { name: 'Enter the question for the employee' }).waitFor();
    await expectAccessible(clinician, 'return refused: no question');
    await clinician.getByLabel('Question for the employee').fill('How often do you use an inhaler?');
    await clinician.getByRole('button', { name: 'Record decision' }).click();
    await banner(clinician, 'Returned to the employee');
    await statusTag(clinician, 'Returned to Employee');
    await expectAccessible(clinician, 'questionnaire returned');

    // The employee follows the new link from the email, proves the mailbox again and answers.
    const returned = await mailTo(q.email, /clinician has a question/);
    const newLink = linkIn(returned.text, `${portal.url}/questionnaire?token=`);
    expect(newLink).not.toBe(q.link);
    const employee = await newPage();
    await employee.goto(newLink);
    await heading(employee, /Health Assessment \(pre-placement\) from/);
    await expectAccessible(employee, 'returned questionnaire link');
    await employee.getByRole('button', { name: 'Email me a code' }).click();
    const code = /code is (\d{6})/.exec((await nthMail(portal.sys, q.email, /one-time code/, 2)).text)![1]!;
    await employee.getByLabel('Code from the email').fill(code);
    await employee.getByLabel('Password', { exact: true }).fill(EMPLOYEE_PASSWORD);
    await employee.getByLabel('Confirm password').fill(EMPLOYEE_PASSWORD);
    await employee.getByRole('button', { name: 'Continue' }).click();
    await heading(employee, 'Check your answers before submitting');
    await employee.getByText('How often do you use an inhaler?').waitFor();
    await expectAccessible(employee, 'check your answers with the clinician’s question');
    await employee.getByRole('checkbox').check();
    await employee.getByRole('button', { name: 'Submit questionnaire' }).click();
    await summary(employee).getByRole('link', { name: 'Enter your answer to the clinician’s question' }).waitFor();
    await expectAccessible(employee, 'clinician’s question unanswered');
    await employee.getByLabel('Your answer').fill('Twice a week');
    await employee.getByRole('button', { name: 'Submit questionnaire' }).click();
    await heading(employee, 'Questionnaire submitted');
    await employee.context().close();

    // Back with the clinician: awaiting review again, the answer beside the question.
    await clinician.reload();
    await heading(clinician, /^Review: Health Assessment/);
    await statusTag(clinician, 'Awaiting Clinical Review');
    await clinician.getByText('Twice a week', { exact: true }).waitFor();
    await expectAccessible(clinician, 'questionnaire back for review');
    expect(await portal.sys.db('questionnaires').where({ id: q.id }).first('status')).toEqual({
      status: 'awaiting_review',
    });
  });
});
