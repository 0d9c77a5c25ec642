import { describe, expect, it, vi } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { recordHistory } from '../helpers/histories.ts';
import { ApiCaller } from '../helpers/http.ts';
import { employeeCompletes, employeeSignsUp, linkToken, nthMail } from '../helpers/questionnaires.ts';

/**
 * Reminders and expiry, in seconds on the real server: durations are workflow inputs (production
 * defaults in temporal.config.ts). One system reminds every second and never expires in a test's
 * time; the other expires after 2 seconds and never reminds in it, so neither test races a timer.
 */
const reminding = apiSuite({ system: { durations: { questionnaireReminder: 1_000, questionnaireExpiry: 600_000 } } });
const expiring = apiSuite({ system: { durations: { questionnaireReminder: 600_000, questionnaireExpiry: 2_000 } } });
let n = 0;

async function requestOne(suite: typeof reminding) {
  const email = `timed${++n}-${suite.world.tag}@home.test`;
  const referrer = await suite.as(suite.world.referrer);
  const res = await referrer.post('/api/questionnaires', {
    typeKey: 'night-worker',
    employeeFirstName: 'Tim',
    employeeSurname: `Timer${n}`,
    employeeJobTitle: 'Warehouse operative',
    employeeEmail: email,
  });
  expect(res.status).toBe(201);
  const token = linkToken(await nthMail(suite.sys, email, /asked you to complete/));
  return { id: res.body.id as string, email, referrer, token };
}

const NIGHT_WORKER_ANSWERS = {
  'about-you': { dateOfBirth: '1985-06-07', telephone: '07700 900456' },
  sleep: { sleepProblems: 'No', sleepCondition: 'No' },
  conditions: { diabetes: 'No', digestive: 'No', mentalHealth: 'No' },
  adjustments: { needsAdjustments: 'No' },
};

describe('questionnaire reminders and expiry', () => {
  it('reminds the employee and the requester, and the reminded employee still completes it', async () => {
    const suite = reminding;
    const { sys, world } = suite;
    const q = await requestOne(suite);
    const reminder = await nthMail(sys, q.email, /Reminder: please complete/);
    expect(reminder.text).toContain('/questionnaire/sign-in');
    expect(reminder.text).not.toMatch(/token=/);
    await nthMail(sys, world.referrer.email, /not yet completed/);
    // The invitation's link still works after reminders.
    const employee = await employeeSignsUp(sys, q.email, q.token);
    await employeeCompletes(employee, NIGHT_WORKER_ANSWERS);
    const seen = (await q.referrer.get(`/api/questionnaires/${q.id}`)).body;
    expect(seen.status).toBe('awaiting_review');
    expect(seen.events.map((e: { type: string }) => e.type)).toContain('reminded');
    const clinician = await suite.as(world.clinician);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'fit' })).status).toBe(200);
    const handle = sys.temporal.workflow.getHandle(workflowId.questionnaire(q.id));
    await vi.waitFor(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), {
      timeout: 10_000,
      interval: 100,
    });
    await recordHistory(sys.temporal, 'questionnaire-reminded-completed', workflowId.questionnaire(q.id));
  });

  it('expires when never completed: the requester is told, and the link no longer opens anything', async () => {
    const suite = expiring;
    const { sys, world } = suite;
    const q = await requestOne(suite);
    const expired = await nthMail(sys, world.referrer.email, /Questionnaire expired/);
    expect(expired.text).toContain('request has expired');
    const handle = sys.temporal.workflow.getHandle(workflowId.questionnaire(q.id));
    expect((await handle.result()).status).toBe('expired');
    const seen = (await q.referrer.get(`/api/questionnaires/${q.id}`)).body;
    expect(seen).toMatchObject({ status: 'expired', statusLabel: 'Expired', tab: 'completed' });
    expect((await new ApiCaller(sys.app).get(`/api/questionnaire-employee/link?token=${q.token}`)).status).toBe(404);
    const resend = await q.referrer.post(`/api/questionnaires/${q.id}/resend`, {});
    expect(resend.status).toBe(409);
    const completedTab = await q.referrer.get('/api/questionnaires?tab=completed');
    expect(completedTab.body.rows.map((r: { id: string }) => r.id)).toContain(q.id);
    await recordHistory(sys.temporal, 'questionnaire-expired', workflowId.questionnaire(q.id));
  });
});
