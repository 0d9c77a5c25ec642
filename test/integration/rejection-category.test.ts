import { describe, expect, it } from 'vitest';
import { REJECTION_CATEGORIES } from '../../domain/rejection.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import type { ApiCaller } from '../helpers/http.ts';

/**
 * One reject form, one rule, at approval (the author's manager) and at triage (a clinician): a category from
 * the fixed list, which the email names, and a free-text reason, which only the portal shows.
 */
const suite = apiSuite({ world: { requiresApproval: true } });
const { as } = suite;

const SELECT = 'Select why the referral is being rejected';
const REASON_MISSING = 'Enter the reason for rejecting the referral';
// Health details, as a real reason may hold: they must never reach an email.
const REASON = 'Eddie mentioned a slipped disc; please attach the GP fit note.';

async function draft(referrer: ApiCaller) {
  const formData = completeManagementReferral();
  const { body } = await referrer.post('/api/referrals', { formKey: 'management-referral', formData });
  return body.id as string;
}

async function awaitingApproval() {
  const referrer = await as(suite.world.referrer);
  const id = await draft(referrer);
  expect((await referrer.post(`/api/referrals/${id}/submit`)).body.status).toBe('awaiting_approval');
  return id;
}

async function pendingTriage() {
  const id = await awaitingApproval();
  const approved = await (await as(suite.world.manager)).post(`/api/approvals/${id}/approve`);
  expect(approved.body.status).toBe('pending_triage');
  return id;
}

const row = (id: string) =>
  suite.sys.db('referrals').where({ id }).first('status', 'rejectionCategory', 'rejectionReason');

/** The rejection email of this referral: it carries the referral's short reference, not its case number. */
const rejectionEmail = (id: string) =>
  suite.sys.mail.waitFor(
    (m) =>
      m.to.includes(suite.world.referrer.email) &&
      m.subject === 'Rejected Management referral' &&
      m.text.includes(id.slice(0, 8).toUpperCase()),
  );

const stages = [
  {
    stage: 'approval',
    path: 'approvals',
    who: () => suite.world.manager,
    ready: awaitingApproval,
    before: 'awaiting_approval',
  },
  { stage: 'triage', path: 'triage', who: () => suite.world.clinician, ready: pendingTriage, before: 'pending_triage' },
] as const;

describe.each(stages)('rejecting at $stage', ({ path, who, ready, before }) => {
  it('refuses a missing or unknown category with a message to act on, and changes nothing', async () => {
    const id = await ready();
    const rejecter = await as(who());
    for (const body of [{ reason: REASON }, { category: 'rude', reason: REASON }, { category: null, reason: REASON }]) {
      const res = await rejecter.post(`/api/${path}/${id}/reject`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({ category: SELECT });
    }
    const neither = await rejecter.post(`/api/${path}/${id}/reject`, {});
    expect(neither.body.error.fields).toEqual({ category: SELECT, reason: REASON_MISSING });
    expect(await row(id)).toEqual({ status: before, rejectionCategory: null, rejectionReason: null });
  });

  it('stores the category with the reason and returns both, in words too, to the author', async () => {
    const id = await ready();
    const res = await (await as(who())).post(`/api/${path}/${id}/reject`, {
      category: 'wrong_referral_type',
      reason: REASON,
    });
    expect(res.body.status).toBe('rejected');
    expect(await row(id)).toEqual({
      status: 'rejected',
      rejectionCategory: 'wrong_referral_type',
      rejectionReason: REASON,
    });
    const referrer = await as(suite.world.referrer);
    expect((await referrer.get(`/api/referrals/${id}`)).body).toMatchObject({
      rejectionCategory: 'wrong_referral_type',
      rejectionCategoryLabel: 'Wrong referral type',
      rejectionReason: REASON,
    });
    const audit = await suite.sys.db('audit_log').where({ action: 'referral.rejected', targetId: id }).first('detail');
    expect(audit.detail).toMatchObject({ category: 'wrong_referral_type' });
    expect(JSON.stringify(audit)).not.toContain('slipped disc');

    // Re-referred, it is a draft again: no rejection to show until the next one.
    await referrer.post(`/api/referrals/${id}/re-refer`);
    expect((await referrer.get(`/api/referrals/${id}`)).body).toMatchObject({
      status: 'draft',
      rejectionCategory: null,
      rejectionCategoryLabel: null,
    });
  });

  it('emails the category in words and the reason as written, in text and HTML (SPEC 4.4)', async () => {
    const id = await ready();
    await (await as(who())).post(`/api/${path}/${id}/reject`, { category: 'employee_not_eligible', reason: REASON });
    const mail = await rejectionEmail(id);
    expect(mail.text).toContain('Reason: Employee not eligible');
    expect(mail.html).toContain('<p>Reason: Employee not eligible</p>');
    for (const body of [mail.text, mail.html]) expect(body).toContain('please attach the GP fit note.');
  });
});

describe('a rejection the workflow refuses', () => {
  it('takes the stored category and reason back', async () => {
    // The read model says pending triage but the workflow still holds a draft, as when two requests race:
    // the API's own check passes, the workflow's refuses.
    const id = await draft(await as(suite.world.referrer));
    await suite.sys.db('referrals').where({ id }).update({ status: 'pending_triage' });
    const clinician = await as(suite.world.clinician);
    const res = await clinician.post(`/api/triage/${id}/reject`, { category: 'duplicate', reason: REASON });
    expect(res.status).toBe(409);
    expect(await row(id)).toEqual({ status: 'pending_triage', rejectionCategory: null, rejectionReason: null });
  });
});

describe('the rejection_category column', () => {
  it('accepts exactly the categories of the domain list', async () => {
    const id = await draft(await as(suite.world.referrer));
    const set = (rejectionCategory: string) => suite.sys.db('referrals').where({ id }).update({ rejectionCategory });
    for (const { key } of REJECTION_CATEGORIES) await set(key);
    await expect(set('Wrong referral type')).rejects.toThrow(/referrals_rejection_category_known/);
  });
});
