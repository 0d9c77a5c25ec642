import { describe, expect, it, vi } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;
let n = 0;

async function openCase(employeeEmail: string | null = `employee${++n}-${suite.world.tag}@home.test`) {
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(employeeEmail ? { employeeEmail } : {}),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await as(suite.world.clinician);
  await clinician.post(`/api/triage/${body.id}/accept`, { status: 'triage_further_evidence_required' });
  return { id: body.id as string, clinician, employeeEmail };
}

async function consentToken(email: string) {
  const mail = await suite.sys.mail.waitFor(
    (m) => m.to.includes(email) && m.subject === 'Your occupational health referral: your consent',
  );
  expect(mail.text).not.toContain('Back pain');
  return /token=([a-z0-9]+)/.exec(mail.text)![1]!;
}

/** Closed with the decline as its outcome, and its workflow run over: polled briefly, so a break fails fast. */
async function expectClosedByDecline(id: string) {
  const handle = suite.sys.temporal.workflow.getHandle(workflowId.referral(id));
  await vi.waitFor(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), {
    timeout: 10_000,
    interval: 100,
  });
  expect((await handle.result()).status).toBe('closed');
  const row = await suite.sys.db('referrals').where({ id }).first();
  expect(row).toMatchObject({ status: 'closed', outcome: 'Employee declined consent' });
}

describe('employee consent', () => {
  it('is asked for by email; given by the employee, the case goes on where it was, and the link works once', async () => {
    const { id, clinician, employeeEmail } = await openCase();
    expect((await clinician.post(`/api/cases/${id}/consent/request`)).body.status).toBe('awaiting_employee_consent');
    expect((await clinician.post(`/api/cases/${id}/consent/request`)).status).toBe(409);
    const token = await consentToken(employeeEmail!);
    const anon = new ApiCaller(suite.sys.app);
    expect((await anon.get(`/api/employee/consent?token=${token}`)).body).toEqual({
      employer: `Client ${suite.world.tag}`,
    });
    expect((await anon.post('/api/employee/consent', { token, decision: 'maybe' })).status).toBe(400);
    expect((await anon.post('/api/employee/consent', { token, decision: 'given' })).status).toBe(204);
    expect((await (await as(suite.world.referrer)).get(`/api/referrals/${id}`)).body.status).toBe(
      'triage_further_evidence_required',
    );
    const again = await anon.post('/api/employee/consent', { token, decision: 'declined' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/expired or has already been used/);
  });

  it('declined by the employee, closes the case with that outcome', async () => {
    const { id, clinician, employeeEmail } = await openCase();
    await clinician.post(`/api/cases/${id}/consent/request`);
    const token = await consentToken(employeeEmail!);
    expect(
      (await new ApiCaller(suite.sys.app).post('/api/employee/consent', { token, decision: 'declined' })).status,
    ).toBe(204);
    await expectClosedByDecline(id);
    await recordHistory(suite.sys.temporal, 'referral-consent-declined', workflowId.referral(id));
  });

  it('declined as recorded by the clinician, closes the case with that outcome', async () => {
    const { id, clinician } = await openCase();
    await clinician.post(`/api/cases/${id}/consent/request`);
    expect((await clinician.put(`/api/cases/${id}/consent`, { decision: 'declined' })).body.status).toBe('closed');
    await expectClosedByDecline(id);
  });

  it('can be recorded by the clinician, and needs an employee email to be asked for by email', async () => {
    const { id, clinician } = await openCase();
    expect((await clinician.put(`/api/cases/${id}/consent`, { decision: 'given' })).status).toBe(409);
    await clinician.post(`/api/cases/${id}/consent/request`);
    expect((await clinician.put(`/api/cases/${id}/consent`, { decision: 'given' })).body.status).toBe(
      'triage_further_evidence_required',
    );
    const noEmail = await openCase(null);
    const refused = await noEmail.clinician.post(`/api/cases/${noEmail.id}/consent/request`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/no email address for the employee/);
    expect((await (await as(suite.world.referrer)).post(`/api/cases/${id}/consent/request`)).status).toBe(403);
  });
});
