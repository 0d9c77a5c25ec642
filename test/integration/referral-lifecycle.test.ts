import { describe, expect, it } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import type { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;
const result = (id: string) => suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();

async function submitted(referrer: ApiCaller) {
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  return body.id as string;
}

describe('rejected referrals', () => {
  it('re-refer opens the same referral for editing and resubmission', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await submitted(referrer);
    await (await as(suite.world.clinician)).post(`/api/triage/${id}/reject`, {
      category: 'more_information_needed',
      reason: 'Add the absence record.',
    });
    expect((await (await as(suite.world.manager)).post(`/api/referrals/${id}/re-refer`)).status).toBe(404);
    expect((await referrer.post(`/api/referrals/${id}/re-refer`)).body).toEqual({ id });
    expect((await referrer.get(`/api/referrals/${id}`)).body.status).toBe('draft');
    const edited = completeManagementReferral({ absenceHistory: '3 days in March' });
    expect((await referrer.put(`/api/referrals/${id}`, { formData: edited })).status).toBe(200);
    expect((await referrer.post(`/api/referrals/${id}/submit`)).body.status).toBe('pending_triage');
    await (await as(suite.world.clinician)).post(`/api/triage/${id}/accept`, {});
    await (await as(suite.world.clinician)).post(`/api/cases/${id}/close`, { outcome: 'Advice given' });
    expect((await result(id)).status).toBe('closed');
    await recordHistory(suite.sys.temporal, 'referral-rejected-rereferred-closed', workflowId.referral(id));
  });

  it('can be deleted by its author at once', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await submitted(referrer);
    await (await as(suite.world.clinician)).post(`/api/triage/${id}/reject`, {
      category: 'wrong_referral_type',
      reason: 'Wrong provider.',
    });
    expect((await referrer.request('DELETE', `/api/referrals/${id}`)).status).toBe(204);
    expect(await suite.sys.db('referrals').where({ id }).first()).toBeUndefined();
    expect((await result(id)).status).toBe('deleted');
    await recordHistory(suite.sys.temporal, 'referral-rejected-deleted-by-author', workflowId.referral(id));
  });
});

describe('drafts', () => {
  it('are deleted by their author, and only while not submitted', async () => {
    const referrer = await as(suite.world.referrer);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: { employeeSurname: 'Drafted' },
    });
    expect((await referrer.request('DELETE', `/api/referrals/${body.id}`)).status).toBe(204);
    expect((await result(body.id)).status).toBe('deleted');
    const sent = await submitted(referrer);
    const refused = await referrer.request('DELETE', `/api/referrals/${sent}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Only a draft or a rejected referral can be deleted.');
  });
});

describe('closing a case', () => {
  it('records the outcome and recall date; refusing to close what is not open changes nothing', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await submitted(referrer);
    const clinician = await as(suite.world.clinician);
    const early = await clinician.post(`/api/cases/${id}/close`, { outcome: 'Too early' });
    expect(early.status).toBe(409);
    expect((await suite.sys.db('referrals').where({ id }).first()).outcome).toBeNull();
    await clinician.post(`/api/triage/${id}/accept`, {});
    expect((await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit', recallDate: '2027-02-30' })).status).toBe(
      400,
    );
    expect(
      (await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit with adjustments', recallDate: '2027-03-31' }))
        .body.status,
    ).toBe('closed');
    const row = await suite.sys.db('referrals').where({ id }).first();
    expect(row.outcome).toBe('Fit with adjustments');
    expect(new Date(row.recallDate).toISOString().slice(0, 10)).toBe('2027-03-31');
    expect((await referrer.get('/api/referrals?tab=closed')).body.rows.map((r: { id: string }) => r.id)).toContain(id);
    expect((await referrer.post(`/api/cases/${id}/close`, { outcome: 'x' })).status).toBe(403);
  });

  it('re-refers a closed case as a new referral with the employee details filled in', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await submitted(referrer);
    const clinician = await as(suite.world.clinician);
    await clinician.post(`/api/triage/${id}/accept`, {});
    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit' });
    const again = await referrer.post(`/api/referrals/${id}/re-refer`);
    expect(again.body.id).not.toBe(id);
    const draft = await referrer.get(`/api/referrals/${again.body.id}`);
    expect(draft.body).toMatchObject({ status: 'draft', formKey: 'management-referral' });
    expect(draft.body.formData).toMatchObject({
      employeeFirstName: 'Eddie',
      employeeSurname: 'Employee',
      employeeDateOfBirth: '1980-04-01',
    });
    expect(draft.body.formData).not.toHaveProperty('reasonForReferral');
    expect((await suite.sys.db('referrals').where({ id: again.body.id }).first()).previousReferralId).toBe(id);
  });
});
