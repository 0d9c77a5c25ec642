import { describe, expect, it } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { apiSuite } from '../helpers/api-suite.ts';

const suite = apiSuite();
const { as } = suite;

async function submitted() {
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', { formKey: 'management-referral', formData: completeManagementReferral() });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  return body.id as string;
}

describe('case actions', () => {
  it('refuses actions on a case that is not open, leaving no record', async () => {
    const id = await submitted();
    const res = await (await as(suite.world.clinician)).post(`/api/cases/${id}/actions`, { kind: 'appointment', scheduledAt: '2027-01-15T10:30:00Z' });
    expect(res.status).toBe(409);
    expect(await suite.sys.db('case_actions').where({ referralId: id })).toEqual([]);
  });

  it('books, records a DNA with a same-day email, rebooks, and offers closure after repeated DNAs', async () => {
    const id = await submitted();
    const clinician = await as(suite.world.clinician);
    const { body: accepted } = await clinician.post(`/api/triage/${id}/accept`, {});
    const booked = await clinician.post(`/api/cases/${id}/actions`, { kind: 'appointment', scheduledAt: '2027-01-15T10:30:00Z' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ action: { kind: 'appointment', status: 'open', statusLabel: 'Open' }, closureSuggested: false });
    const bookedMail = await suite.sys.mail.waitFor((m) => m.to.includes(suite.world.referrer.email) && m.subject === `Appointment booked: case ${accepted.caseNumber}`);
    expect(bookedMail.text).toContain('15 January 2027 at 10:30');

    const referrer = await as(suite.world.referrer);
    expect((await referrer.get(`/api/cases/${id}/actions`)).body.actions).toHaveLength(1);
    expect((await (await as(suite.world.peer)).get(`/api/cases/${id}/actions`)).status).toBe(404);
    expect((await referrer.post(`/api/cases/${id}/actions`, { kind: 'appointment', scheduledAt: '2027-01-15T10:30:00Z' })).status).toBe(403);

    const first = booked.body.action.id;
    expect((await clinician.post(`/api/cases/${id}/actions/${first}/rebook`, { scheduledAt: '2027-01-20T09:00:00Z' })).status).toBe(409);
    const dna = await clinician.put(`/api/cases/${id}/actions/${first}/status`, { status: 'dna' });
    expect(dna.body).toMatchObject({ action: { status: 'dna', statusLabel: 'DNA' }, closureSuggested: false });
    await suite.sys.mail.waitFor((m) => m.to.includes(suite.world.referrer.email) && m.subject === `Appointment not attended: case ${accepted.caseNumber}`);
    expect((await clinician.put(`/api/cases/${id}/actions/${first}/status`, { status: 'closed' })).status).toBe(409);

    const rebooked = await clinician.post(`/api/cases/${id}/actions/${first}/rebook`, { scheduledAt: '2027-01-22T14:00:00Z' });
    expect(rebooked.body.action.rebookedFromId).toBe(first);
    const second = await clinician.put(`/api/cases/${id}/actions/${rebooked.body.action.id}/status`, { status: 'dna' });
    expect(second.body.closureSuggested).toBe(true);

    const evidence = await clinician.post(`/api/cases/${id}/actions`, { kind: 'evidence', scheduledAt: '2027-02-01T00:00:00Z' });
    expect((await clinician.put(`/api/cases/${id}/actions/${evidence.body.action.id}/status`, { status: 'closed' })).body.action.statusLabel).toBe('Closed');
    expect((await clinician.post(`/api/cases/${id}/actions`, { kind: 'appointment', scheduledAt: 'next tuesday' })).status).toBe(400);

    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Closed after repeated non-attendance' });
    await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();
    await recordHistory(suite.sys.temporal, 'referral-actions-dna-closed', workflowId.referral(id));
  });
});
