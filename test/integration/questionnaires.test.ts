import { extractText } from 'unpdf';
import { describe, expect, it, vi } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { recordHistory } from '../helpers/histories.ts';
import { ApiCaller } from '../helpers/http.ts';
import {
  EMPLOYEE_PASSWORD,
  employeeCompletes,
  employeeSignsUp,
  HEALTH_ASSESSMENT_ANSWERS,
  linkToken,
  nthMail,
} from '../helpers/questionnaires.ts';

const suite = apiSuite();
const { as } = suite;
let n = 0;
const HEALTH_DETAIL = 'asthma';

async function requestOne(typeKey = 'health-assessment') {
  const email = `employee${++n}-${suite.world.tag}@home.test`;
  const referrer = await as(suite.world.referrer);
  const res = await referrer.post('/api/questionnaires', {
    typeKey,
    employeeFirstName: 'Erin',
    employeeSurname: `Employee${n}`,
    employeeJobTitle: 'Night porter',
    employeeEmail: email,
  });
  expect(res.status).toBe(201);
  const invitation = await nthMail(suite.sys, email, /asked you to complete a health questionnaire/);
  return { id: res.body.id as string, email, referrer, token: linkToken(invitation) };
}

async function completedByEmployee() {
  const q = await requestOne();
  const employee = await employeeSignsUp(suite.sys, q.email, q.token);
  await employeeCompletes(employee);
  return { ...q, employee };
}

const detail = async (caller: ApiCaller, id: string) => (await caller.get(`/api/questionnaires/${id}`)).body;

async function finished(id: string) {
  const handle = suite.sys.temporal.workflow.getHandle(workflowId.questionnaire(id));
  await vi.waitFor(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), {
    timeout: 10_000,
    interval: 100,
  });
  return handle.result();
}

describe('health questionnaires', () => {
  it('is requested, completed by the employee behind their own credential, accepted as fit, with a certificate', async () => {
    const { sys, world } = suite;
    const q = await requestOne();
    const invitation = await nthMail(sys, q.email, /asked you to complete/);
    expect(invitation.text).toContain(`Client ${world.tag}`);

    // A forwarded link alone opens nothing: it names the employer, and no question shows without a session.
    const stranger = new ApiCaller(sys.app);
    expect((await stranger.get(`/api/questionnaire-employee/link?token=${q.token}`)).body).toEqual({
      employer: `Client ${world.tag}`,
      questionnaire: 'Health Assessment (pre-placement)',
      email: expect.stringMatching(/^e•••@home\.test$/),
    });
    expect((await stranger.get('/api/questionnaire-employee/questionnaire')).status).toBe(401);

    const employee = new ApiCaller(sys.app);
    expect((await employee.post('/api/questionnaire-employee/code', { token: q.token })).status).toBe(204);
    const code = /code is (\d{6})/.exec((await nthMail(sys, q.email, /one-time code/)).text)![1]!;
    const wrong = await employee.post('/api/questionnaire-employee/verify', {
      token: q.token,
      code: code === '000000' ? '111111' : '000000',
      password: EMPLOYEE_PASSWORD,
      confirmation: EMPLOYEE_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.code).toMatch(/code is not right/);
    const weak = await employee.post('/api/questionnaire-employee/verify', {
      token: q.token,
      code,
      password: 'password',
      confirmation: 'password',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBeTruthy();
    expect(
      (
        await employee.post('/api/questionnaire-employee/verify', {
          token: q.token,
          code,
          password: EMPLOYEE_PASSWORD,
          confirmation: EMPLOYEE_PASSWORD,
        })
      ).status,
    ).toBe(204);
    // The link is single-use.
    expect((await stranger.get(`/api/questionnaire-employee/link?token=${q.token}`)).status).toBe(404);

    // One page with a problem: each problem by question, in GOV.UK's words.
    const invalid = await employee.put('/api/questionnaire-employee/questionnaire/pages/general-health', {
      answers: { ongoingCondition: 'Yes', takesMedication: 'No' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toEqual({
      ongoingConditionDetails: 'Give details of your health condition or disability',
      recentAbsence: 'Select yes if you have had more than 10 days off work because of ill health in the last 2 years',
    });
    // Save and come back later: kept unchecked; then sign out and back in with email and password.
    expect(
      (
        await employee.put('/api/questionnaire-employee/questionnaire/pages/about-you', {
          answers: { dateOfBirth: '1990-02-03' },
          check: false,
        })
      ).status,
    ).toBe(200);
    expect((await employee.post('/api/questionnaire-employee/sign-out')).status).toBe(204);
    expect((await employee.get('/api/questionnaire-employee/questionnaire')).status).toBe(401);
    const back = new ApiCaller(sys.app);
    expect(
      (await back.post('/api/questionnaire-employee/sign-in', { email: q.email, password: 'Wrong-password-1!' }))
        .status,
    ).toBe(401);
    expect(
      (await back.post('/api/questionnaire-employee/sign-in', { email: q.email, password: EMPLOYEE_PASSWORD })).status,
    ).toBe(204);
    const resumed = await back.get('/api/questionnaire-employee/questionnaire');
    expect(resumed.body.answers).toEqual({ dateOfBirth: '1990-02-03' });
    expect(resumed.body.nextPage).toBe('about-you');
    // Submitting with answers missing or no declaration is refused, naming each.
    const early = await back.post('/api/questionnaire-employee/questionnaire/submit', { declaration: false });
    expect(early.status).toBe(400);
    expect(early.body.error.fields.declaration).toBe('Confirm that your answers are true and complete');
    await employeeCompletes(back);
    expect((await back.get('/api/questionnaire-employee/questionnaire')).status).toBe(401);

    // Stored sealed: the health detail is nowhere in the row.
    const row = await sys.db('questionnaires').where({ id: q.id }).first();
    expect(row.status).toBe('awaiting_review');
    expect(JSON.stringify(row).toLowerCase()).not.toContain(HEALTH_DETAIL);
    expect(row.contentCiphertext.toString('utf8').toLowerCase()).not.toContain(HEALTH_DETAIL);

    // The requester sees progress, never the answers; they cannot read the answers either.
    const seen = await detail(q.referrer, q.id);
    expect(seen).toMatchObject({
      status: 'awaiting_review',
      statusLabel: 'Awaiting Clinical Review',
      certificate: false,
    });
    expect(JSON.stringify(seen).toLowerCase()).not.toContain(HEALTH_DETAIL);
    expect(seen.events.map((e: { type: string; status: string | null }) => e.status ?? e.type)).toEqual([
      'sent',
      'awaiting_review',
    ]);
    const review = await q.referrer.get('/api/questionnaires?tab=review');
    expect(review.body.rows.map((r: { id: string }) => r.id)).toContain(q.id);

    const clinician = await as(world.clinician);
    expect((await clinician.get('/api/questionnaire-review')).body.rows.map((r: { id: string }) => r.id)).toContain(
      q.id,
    );
    const answers = await clinician.get(`/api/questionnaire-review/${q.id}/answers`);
    expect(answers.body.answers).toMatchObject(HEALTH_ASSESSMENT_ANSWERS['general-health']!);
    expect(await sys.db('audit_log').where({ action: 'questionnaire.answers_read', targetId: q.id })).toHaveLength(1);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'maybe' })).status).toBe(400);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'fit' })).status).toBe(200);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'unfit' })).status).toBe(409);

    const outcome = await nthMail(sys, world.referrer.email, /Questionnaire outcome/);
    expect(outcome.text).toContain('Outcome: Fit');
    expect(outcome.text.toLowerCase()).not.toContain(HEALTH_DETAIL);
    const done = await detail(q.referrer, q.id);
    expect(done).toMatchObject({ status: 'completed', outcome: 'fit', outcomeLabel: 'Fit', certificate: true });
    expect((await q.referrer.get('/api/questionnaires?tab=completed')).body.rows[0]).toMatchObject({
      id: q.id,
      outcomeLabel: 'Fit',
    });

    const pdf = await q.referrer.raw(`/api/questionnaires/${q.id}/certificate`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(await pdf.arrayBuffer()), { mergePages: true });
    expect(text).toContain('Certificate of fitness');
    expect(text).toContain(`Erin ${row.employeeSurname}`);
    expect(text).toContain('Outcome: Fit');
    expect(text.toLowerCase()).not.toContain(HEALTH_DETAIL);
    expect(
      await sys.db('audit_log').where({ action: 'questionnaire.certificate_downloaded', targetId: q.id }),
    ).toHaveLength(1);

    expect((await finished(q.id)).status).toBe('completed');
    await recordHistory(sys.temporal, 'questionnaire-completed-fit', workflowId.questionnaire(q.id));
  });

  it('is resent to a new address: the old link is refused at once, the change is audited', async () => {
    const { sys } = suite;
    const q = await requestOne();
    const newEmail = `moved${n}-${suite.world.tag}@home.test`;
    const bad = await q.referrer.post(`/api/questionnaires/${q.id}/resend`, { employeeEmail: 'not an address' });
    expect(bad.status).toBe(400);
    const resent = await q.referrer.post(`/api/questionnaires/${q.id}/resend`, { employeeEmail: newEmail });
    expect(resent.status).toBe(200);
    expect((await new ApiCaller(sys.app).get(`/api/questionnaire-employee/link?token=${q.token}`)).status).toBe(404);
    const token = linkToken(await nthMail(sys, newEmail, /a new link/));
    expect(
      await sys.db('audit_log').where({ action: 'questionnaire.resent', targetId: q.id }).select('detail'),
    ).toEqual([{ detail: { emailChanged: true } }]);
    const employee = await employeeSignsUp(sys, newEmail, token);
    await employeeCompletes(employee);
    expect(
      (await detail(q.referrer, q.id)).events.map((e: { type: string; status: string | null }) => e.status ?? e.type),
    ).toEqual(['sent', 'resent', 'awaiting_review']);
    const clinician = await as(suite.world.clinician);
    expect(
      (await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'fit_with_adjustments' })).status,
    ).toBe(200);
    // Resending a finished questionnaire is refused in plain words.
    const late = await q.referrer.post(`/api/questionnaires/${q.id}/resend`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/pending the employee/);
    await finished(q.id);
    await recordHistory(sys.temporal, 'questionnaire-resent-completed', workflowId.questionnaire(q.id));
  });

  it('is returned to the employee with a question, answered through a new link, then found unfit (no certificate)', async () => {
    const { sys } = suite;
    const q = await completedByEmployee();
    const clinician = await as(suite.world.clinician);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/return`, { question: '  ' })).status).toBe(400);
    expect(
      (
        await clinician.post(`/api/questionnaire-review/${q.id}/return`, {
          question: 'How often do you use an inhaler?',
        })
      ).status,
    ).toBe(200);
    expect((await detail(q.referrer, q.id)).status).toBe('returned_to_employee');
    const token = linkToken(await nthMail(sys, q.email, /clinician has a question/));
    const employee = await employeeSignsUp(sys, q.email, token, 2);
    const current = (await employee.get('/api/questionnaire-employee/questionnaire')).body;
    expect(current.question).toEqual({ text: 'How often do you use an inhaler?', answer: null });
    const unanswered = await employee.post('/api/questionnaire-employee/questionnaire/submit', { declaration: true });
    expect(unanswered.status).toBe(400);
    expect(unanswered.body.error.fields.answer).toBe('Enter your answer to the clinician’s question');
    expect(
      (await employee.put('/api/questionnaire-employee/questionnaire/question', { answer: 'Twice a week' })).status,
    ).toBe(204);
    expect(
      (await employee.post('/api/questionnaire-employee/questionnaire/submit', { declaration: true })).status,
    ).toBe(200);
    const answers = (await clinician.get(`/api/questionnaire-review/${q.id}/answers`)).body;
    expect(answers.returns).toMatchObject([{ question: 'How often do you use an inhaler?', answer: 'Twice a week' }]);
    expect(JSON.stringify(await detail(q.referrer, q.id))).not.toContain('inhaler');
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'unfit' })).status).toBe(200);
    expect((await detail(q.referrer, q.id)).certificate).toBe(false);
    expect((await q.referrer.get(`/api/questionnaires/${q.id}/certificate`)).status).toBe(409);
    await finished(q.id);
    await recordHistory(sys.temporal, 'questionnaire-returned-unfit', workflowId.questionnaire(q.id));
  });

  it('requires an appointment: booked, missed (DNA), rebooked, attended, then an outcome', async () => {
    const { sys } = suite;
    const q = await completedByEmployee();
    const clinician = await as(suite.world.clinician);
    const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    // No booking before the clinician says one is needed.
    expect(
      (
        await clinician.post(`/api/questionnaire-review/${q.id}/actions`, {
          scheduledAt: at(2),
          appointmentType: 'telephone',
        })
      ).status,
    ).toBe(409);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/appointment-required`)).status).toBe(200);
    const noType = await clinician.post(`/api/questionnaire-review/${q.id}/actions`, { scheduledAt: at(2) });
    expect(noType.status).toBe(400);
    const booked = await clinician.post(`/api/questionnaire-review/${q.id}/actions`, {
      scheduledAt: at(2),
      appointmentType: 'telephone',
    });
    expect(booked.status).toBe(201);
    await nthMail(sys, q.email, /^Your occupational health appointment$/);
    const first = booked.body.id as string;
    expect(
      (
        await clinician.post(`/api/questionnaire-review/${q.id}/actions/${first}/rebook`, {
          scheduledAt: at(3),
          appointmentType: 'telephone',
        })
      ).status,
    ).toBe(409);
    expect(
      (await clinician.post(`/api/questionnaire-review/${q.id}/actions/${first}/status`, { status: 'dna' })).status,
    ).toBe(200);
    expect(
      (await clinician.post(`/api/questionnaire-review/${q.id}/actions/${first}/status`, { status: 'closed' })).status,
    ).toBe(409);
    const rebooked = await clinician.post(`/api/questionnaire-review/${q.id}/actions/${first}/rebook`, {
      scheduledAt: at(4),
      appointmentType: 'face_to_face',
      address: '1 Clinic Road, Leeds',
    });
    expect(rebooked.status).toBe(201);
    await nthMail(sys, q.email, /appointment has changed/);
    expect(
      (
        await clinician.post(`/api/questionnaire-review/${q.id}/actions/${rebooked.body.id}/status`, {
          status: 'closed',
        })
      ).status,
    ).toBe(200);
    const seen = await detail(q.referrer, q.id);
    expect(seen.actions.map((a: { statusLabel: string }) => a.statusLabel)).toEqual(['DNA', 'Closed']);
    expect((await clinician.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'fit' })).status).toBe(200);
    expect((await detail(q.referrer, q.id)).status).toBe('completed');
    await finished(q.id);
    await recordHistory(sys.temporal, 'questionnaire-appointment-dna-rebooked-fit', workflowId.questionnaire(q.id));
  });

  it('is referred for a full assessment: a Management Referral draft for the requester, filled in and linked', async () => {
    const { sys } = suite;
    const q = await completedByEmployee();
    const clinician = await as(suite.world.clinician);
    const referred = await clinician.post(`/api/questionnaire-review/${q.id}/refer`);
    expect(referred.status).toBe(200);
    const referralId = referred.body.referralId as string;
    const seen = await detail(q.referrer, q.id);
    expect(seen).toMatchObject({ status: 'referred', referralId, certificate: false });
    const referral = await q.referrer.get(`/api/referrals/${referralId}`);
    expect(referral.status).toBe(200);
    expect(referral.body).toMatchObject({ status: 'draft', formKey: 'management-referral', isAuthor: true });
    expect(referral.body.formData).toEqual({
      employeeFirstName: 'Erin',
      employeeSurname: expect.stringMatching(/^Employee\d+$/),
      employeeJobTitle: 'Night porter',
      employeeEmail: q.email,
    });
    const mail = await nthMail(sys, suite.world.referrer.email, /referred for a full assessment/);
    expect(mail.text.toLowerCase()).not.toContain(HEALTH_DETAIL);
    expect((await finished(q.id)).status).toBe('referred');
    await recordHistory(sys.temporal, 'questionnaire-referred', workflowId.questionnaire(q.id));
  });

  describe('who may see and do what', () => {
    it('hides it from another organisation and an un-shared colleague, and keeps the answers from managers', async () => {
      const { world } = suite;
      const q = await completedByEmployee();
      for (const user of [world.outsider, world.peer]) {
        const caller = await as(user);
        expect((await caller.get(`/api/questionnaires/${q.id}`)).status).toBe(404);
        expect((await caller.post(`/api/questionnaires/${q.id}/resend`, {})).status).toBe(404);
        expect((await caller.get(`/api/questionnaires/${q.id}/certificate`)).status).toBe(404);
        const listed = await caller.get('/api/questionnaires?tab=review');
        expect(listed.body.rows.map((r: { id: string }) => r.id)).not.toContain(q.id);
      }
      // The referrer's manager sees the case, as with referrals, but neither they nor the referrer read answers.
      const manager = await as(world.manager);
      expect((await manager.get(`/api/questionnaires/${q.id}`)).status).toBe(200);
      for (const caller of [manager, q.referrer]) {
        const refused = await caller.get(`/api/questionnaire-review/${q.id}/answers`);
        expect(refused.status).toBe(403);
        expect(JSON.stringify(refused.body).toLowerCase()).not.toContain(HEALTH_DETAIL);
        expect((await caller.post(`/api/questionnaire-review/${q.id}/accept`, { outcome: 'fit' })).status).toBe(403);
      }
      // A clinician does not resend on the requester's behalf.
      const clinician = await as(world.clinician);
      expect((await clinician.get(`/api/questionnaire-review/${q.id}/answers`)).status).toBe(200);
    });

    it('refuses a questionnaire type the organisation does not use, and needs every detail', async () => {
      const outsider = await as(suite.world.outsider);
      const res = await outsider.post('/api/questionnaires', {
        typeKey: 'driving',
        employeeFirstName: 'A',
        employeeSurname: 'B',
        employeeJobTitle: 'C',
        employeeEmail: 'a@b.test',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/not available to your organisation/);
      const referrer = await as(suite.world.referrer);
      const missing = await referrer.post('/api/questionnaires', { typeKey: 'driving' });
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.error.fields ?? {})).toEqual(
        expect.arrayContaining(['employeeFirstName', 'employeeSurname', 'employeeJobTitle', 'employeeEmail']),
      );
      expect((await referrer.get('/api/questionnaires/types')).body.map((t: { key: string }) => t.key).sort()).toEqual([
        'display-screen-equipment',
        'driving',
        'health-assessment',
        'night-worker',
      ]);
    });
  });
});
