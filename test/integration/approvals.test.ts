import { describe, expect, it } from 'vitest';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { allIds } from '../helpers/pages.ts';

const suite = apiSuite({ world: { requiresApproval: true } });
const { as } = suite;

async function submitted() {
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(),
  });
  expect((await referrer.post(`/api/referrals/${body.id}/submit`)).body.status).toBe('awaiting_approval');
  return body.id as string;
}
const ids = (res: { body: Record<string, any> }) => (res.body.rows as { id: string }[]).map((r) => r.id);

describe('the Approval Queue', () => {
  it("holds a referral for the author's manager only", async () => {
    const id = await submitted();
    expect(await allIds(await as(suite.world.manager), '/api/approvals')).toContain(id);
    expect(await allIds(await as(suite.world.top), '/api/approvals')).not.toContain(id);
    expect((await (await as(suite.world.referrer)).get('/api/approvals')).status).toBe(403);
    expect(await allIds(await as(suite.world.clinician), '/api/triage')).not.toContain(id);
  });

  it('lets only that manager approve; the referral then reaches triage, once', async () => {
    const id = await submitted();
    expect((await (await as(suite.world.top)).post(`/api/approvals/${id}/approve`)).status).toBe(403);
    expect((await (await as(suite.world.peer)).post(`/api/approvals/${id}/approve`)).status).toBe(403);
    const manager = await as(suite.world.manager);
    const approved = await manager.post(`/api/approvals/${id}/approve`);
    expect(approved.body).toEqual({ status: 'pending_triage', caseNumber: null });
    expect((await manager.post(`/api/approvals/${id}/approve`)).status).toBe(409);
    expect(await allIds(await as(suite.world.clinician), '/api/triage')).toContain(id);
    expect(await suite.sys.db('audit_log').where({ action: 'referral.approved', targetId: id }).first()).toBeDefined();
  });

  it('rejects with a reason that reaches the author as a rejected referral', async () => {
    const id = await submitted();
    const manager = await as(suite.world.manager);
    expect((await manager.post(`/api/approvals/${id}/reject`, { category: 'other', reason: '' })).status).toBe(400);
    const res = await manager.post(`/api/approvals/${id}/reject`, {
      category: 'other',
      reason: 'Talk to me before referring.',
    });
    expect(res.body.status).toBe('rejected');
    expect((await suite.sys.db('referrals').where({ id }).first()).rejectionReason).toBe(
      'Talk to me before referring.',
    );
    expect(ids(await (await as(suite.world.referrer)).get('/api/referrals?tab=rejected'))).toContain(id);
    await suite.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === 'Rejected Management referral',
    );
  });

  it('does not let a clinician reject at the approval stage or a manager at triage', async () => {
    const id = await submitted();
    expect(
      (await (await as(suite.world.clinician)).post(`/api/triage/${id}/reject`, { category: 'other', reason: 'No.' }))
        .status,
    ).toBe(404);
    await (await as(suite.world.manager)).post(`/api/approvals/${id}/approve`);
    expect(
      (
        await (
          await as(suite.world.manager)
        ).post(`/api/approvals/${id}/reject`, { category: 'duplicate', reason: 'Too late.' })
      ).status,
    ).toBe(409);
  });

  it('tells each viewer what they may do with the referral now, and shows the reason and outcome', async () => {
    const id = await submitted();
    const allowed = async (user: { username: string }) =>
      (await (await as(user)).get(`/api/referrals/${id}`)).body.allowed;
    const none = {
      edit: false,
      delete: false,
      reRefer: false,
      approve: false,
      triage: false,
      work: false,
      reassign: false,
    };
    expect(await allowed(suite.world.manager)).toEqual({ ...none, approve: true });
    expect(await allowed(suite.world.top)).toEqual(none);
    expect(await allowed(suite.world.referrer)).toEqual(none);

    await (await as(suite.world.manager)).post(`/api/approvals/${id}/approve`);
    expect(await allowed(suite.world.clinician)).toEqual({ ...none, triage: true });
    await (await as(suite.world.clinician)).post(`/api/triage/${id}/reject`, {
      category: 'more_information_needed',
      reason: 'Add the absence history.',
    });
    const author = (await (await as(suite.world.referrer)).get(`/api/referrals/${id}`)).body;
    expect(author).toMatchObject({
      rejectionReason: 'Add the absence history.',
      allowed: { ...none, delete: true, reRefer: true },
    });
    // A rejected referral is its author's alone again, like a draft.
    expect((await (await as(suite.world.top)).get(`/api/referrals/${id}`)).status).toBe(404);

    const referrer = await as(suite.world.referrer);
    await referrer.post(`/api/referrals/${id}/re-refer`);
    expect((await referrer.get(`/api/referrals/${id}`)).body).toMatchObject({
      status: 'draft',
      rejectionReason: null,
      allowed: { ...none, edit: true, delete: true },
    });
    await referrer.post(`/api/referrals/${id}/submit`);
    await (await as(suite.world.manager)).post(`/api/approvals/${id}/approve`);
    const clinician = await as(suite.world.clinician);
    await clinician.post(`/api/triage/${id}/accept`, {});
    expect(await allowed(suite.world.clinician)).toEqual({ ...none, work: true });
    expect(await allowed(suite.world.referrer)).toEqual(none);

    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit for work.', recallDate: '2027-03-31' });
    expect((await referrer.get(`/api/referrals/${id}`)).body).toMatchObject({
      outcome: 'Fit for work.',
      recallDate: '2027-03-31',
      allowed: { ...none, reRefer: true },
    });
    expect((await (await as(suite.world.peer)).get(`/api/referrals/${id}`)).status).toBe(404);
  });
});
