/**
 * Questionnaire emails. To the employee: links and a one-time code, nothing about their health. To
 * the requester and sharers: where the questionnaire stands and its outcome, never an answer.
 */
import { render } from './email-templates.ts';

type EmployeeContext = { employeeName: string; employer: string; questionnaire: string; url: string };
type RequesterContext = {
  recipientName: string;
  employee: string;
  questionnaire: string;
  reference: string;
  url: string;
};

export const questionnaireEmployeeEmails = {
  invitation: (c: EmployeeContext) =>
    render(
      `${c.employer} has asked you to complete a health questionnaire`,
      [
        `Dear ${c.employeeName},`,
        `${c.employer} has asked you to complete a ${c.questionnaire} questionnaire for their occupational health provider. Your answers go to the provider's clinicians only; your employer sees the outcome, never your answers.`,
        'Use the link below. Before any question shows, we will email you a one-time code to prove this is your mailbox, and you will choose a password so that you can save your answers and come back.',
      ],
      { text: 'Start the questionnaire', url: c.url },
    ),
  resend: (c: EmployeeContext) =>
    render(
      `Your health questionnaire: a new link`,
      [
        `Dear ${c.employeeName},`,
        `${c.employer} has sent your ${c.questionnaire} questionnaire again. Any earlier link no longer works: use this one. You will be asked to confirm your email address with a one-time code and to choose a password.`,
      ],
      { text: 'Open the questionnaire', url: c.url },
    ),
  return: (c: EmployeeContext) =>
    render(
      `Your health questionnaire: a clinician has a question`,
      [
        `Dear ${c.employeeName},`,
        'An occupational health clinician has reviewed your questionnaire and needs a little more information. Use the link below to read the question and answer it.',
      ],
      { text: 'Answer the question', url: c.url },
    ),
  reminder: (c: EmployeeContext) =>
    render(
      `Reminder: please complete your health questionnaire`,
      [
        `Dear ${c.employeeName},`,
        `${c.employer} asked you to complete a ${c.questionnaire} questionnaire and it has not been submitted yet. Use the link in the email we sent you. If you have already chosen a password, sign in with your email address and that password at the address below. If you cannot find the email, ask your employer to send it again.`,
      ],
      { text: 'Sign in to continue the questionnaire', url: c.url },
    ),
  code: (c: { employeeName: string; code: string; validFor: string }) =>
    render('Your one-time code', [
      `Dear ${c.employeeName},`,
      `Your one-time code is ${c.code}. It is valid for ${c.validFor}. Enter it on the page where you asked for it.`,
      'If you did not ask for a code, you can ignore this email.',
    ]),
} as const;

export const questionnaireRequesterEmails = {
  reminder: (c: RequesterContext) =>
    render(
      `Questionnaire not yet completed (${c.reference})`,
      [
        `Dear ${c.recipientName},`,
        `${c.employee} has not yet completed the ${c.questionnaire} questionnaire you requested. They have been reminded. You can resend it from Track Questionnaires, to a different email address if needed.`,
      ],
      { text: 'Track Questionnaires', url: c.url },
    ),
  expired: (c: RequesterContext) =>
    render(
      `Questionnaire expired (${c.reference})`,
      [
        `Dear ${c.recipientName},`,
        `${c.employee} did not complete the ${c.questionnaire} questionnaire you requested, and the request has expired. You can request a new one.`,
      ],
      { text: 'View the questionnaire', url: c.url },
    ),
  outcome: (c: RequesterContext & { outcome: string }) =>
    render(
      `Questionnaire outcome (${c.reference})`,
      [
        `Dear ${c.recipientName},`,
        `A clinician has reviewed the ${c.questionnaire} questionnaire of ${c.employee}. Outcome: ${c.outcome}.`,
      ],
      { text: 'View the outcome', url: c.url },
    ),
  referred: (c: RequesterContext) =>
    render(
      `Questionnaire referred for a full assessment (${c.reference})`,
      [
        `Dear ${c.recipientName},`,
        `A clinician has reviewed the ${c.questionnaire} questionnaire of ${c.employee} and needs a full occupational health assessment. A referral with the employee's details is waiting under Saved Referrals for you to complete and submit.`,
      ],
      { text: 'Open Saved Referrals', url: c.url },
    ),
} as const;
