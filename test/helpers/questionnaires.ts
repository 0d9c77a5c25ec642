import { vi } from 'vitest';
import type { CaughtMail } from '../../bin/mail-catcher.ts';
import type { TestSystem } from './test-system.ts';
import { ApiCaller } from './http.ts';

/** The employee's new password: meets every rule of domain/password-policy.ts. */
export const EMPLOYEE_PASSWORD = 'Kp4!Wz8#Qr2$Vn';

/** Every required answer of the health assessment (pre-placement), with one "if yes, give details". */
export const HEALTH_ASSESSMENT_ANSWERS: Record<string, Record<string, string>> = {
  'about-you': { dateOfBirth: '1990-02-03', telephone: '07700 900123' },
  'general-health': {
    ongoingCondition: 'Yes',
    ongoingConditionDetails: 'Mild asthma, well controlled',
    takesMedication: 'No',
    recentAbsence: 'No',
  },
  adjustments: { needsAdjustments: 'No' },
};

/** The nth email (1-based) to `to` whose subject matches, once it has come. */
export async function nthMail(sys: TestSystem, to: string, subject: RegExp, n = 1): Promise<CaughtMail> {
  const matching = () => sys.mail.messages().filter((m) => m.to.includes(to) && subject.test(m.subject));
  await vi.waitFor(
    () => {
      if (matching().length < n) throw new Error(`waiting for email ${n} "${subject}" to ${to}`);
    },
    { timeout: 20_000, interval: 100 },
  );
  return matching()[n - 1]!;
}

export const linkToken = (mail: CaughtMail) => /questionnaire\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

/** The employee opens the link, asks for a code, enters it and chooses a password: a signed-in employee. */
export async function employeeSignsUp(sys: TestSystem, email: string, token: string, codeNumber = 1) {
  const employee = new ApiCaller(sys.app);
  const link = await employee.get(`/api/questionnaire-employee/link?token=${token}`);
  if (link.status !== 200) throw new Error(`link refused: ${link.status} ${JSON.stringify(link.body)}`);
  const sent = await employee.post('/api/questionnaire-employee/code', { token });
  if (sent.status !== 204) throw new Error(`code refused: ${sent.status} ${JSON.stringify(sent.body)}`);
  const mail = await nthMail(sys, email, /one-time code/, codeNumber);
  const code = /code is (\d{6})/.exec(mail.text)![1]!;
  const verified = await employee.post('/api/questionnaire-employee/verify', {
    token,
    code,
    password: EMPLOYEE_PASSWORD,
    confirmation: EMPLOYEE_PASSWORD,
  });
  if (verified.status !== 204) throw new Error(`verify refused: ${verified.status} ${JSON.stringify(verified.body)}`);
  return employee;
}

/** Every page answered, then submitted with the declaration. */
export async function employeeCompletes(employee: ApiCaller, answers = HEALTH_ASSESSMENT_ANSWERS) {
  for (const [page, pageAnswers] of Object.entries(answers)) {
    const saved = await employee.put(`/api/questionnaire-employee/questionnaire/pages/${page}`, {
      answers: pageAnswers,
    });
    if (saved.status !== 200) throw new Error(`page ${page} refused: ${saved.status} ${JSON.stringify(saved.body)}`);
  }
  const submitted = await employee.post('/api/questionnaire-employee/questionnaire/submit', { declaration: true });
  if (submitted.status !== 200)
    throw new Error(`submit refused: ${submitted.status} ${JSON.stringify(submitted.body)}`);
}
