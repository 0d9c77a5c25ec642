import { describe, expect, it } from 'vitest';
import { runReferralStep } from '../../api/temporal-edge.ts';
import { AppError } from '../../domain/errors.ts';
import { REFERRAL_STEPS } from '../../domain/referral-transitions.ts';
import { workflowId } from '../../temporal.config.ts';
import { closeUpdate } from '../../workflows/referral.messages.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { recordHistory } from '../helpers/histories.ts';

const suite = apiSuite();
const { as } = suite;

/** Everything a step on the case could have written. */
async function snapshot(referralId: string) {
  const { db } = suite.sys;
  const count = async (table: string) => Number((await db(table).where({ referralId }).count({ n: '*' }).first())!.n);
  return {
    referral: await db('referrals')
      .where({ id: referralId })
      .first('status', 'outcome', 'recallDate', 'rejectionReason', 'caseNumber', 'updatedAt'),
    actions: await db('case_actions').where({ referralId }).orderBy('id').select('id', 'status'),
    documents: await count('documents'),
    letters: await count('advice_letters'),
    links: await count('employee_links'),
    mails: suite.sys.mail.messages().length,
  };
}

describe('a closed case, whose workflow run has finished', () => {
  it('answers every change with 409 and the rule’s own words, and nothing changes', async () => {
    const referrer = await as(suite.world.referrer);
    const clinician = await as(suite.world.clinician);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral({ employeeEmail: 'eddie@home.test' }),
    });
    const id = body.id as string;
    expect((await referrer.post(`/api/referrals/${id}/submit`)).status).toBe(200);
    expect((await clinician.post(`/api/triage/${id}/accept`, {})).status).toBe(200);
    const cancelled = (
      await clinician.post(`/api/cases/${id}/actions`, {
        kind: 'appointment',
        scheduledAt: '2027-01-15T10:30:00Z',
        appointmentType: 'telephone',
      })
    ).body.action.id;
    await clinician.put(`/api/cases/${id}/actions/${cancelled}/status`, { status: 'canx' });
    const open = (
      await clinician.post(`/api/cases/${id}/actions`, { kind: 'evidence', scheduledAt: '2027-02-01T09:00:00Z' })
    ).body.action.id;
    expect(
      (await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit for full duties', recallDate: '2027-06-30' }))
        .status,
    ).toBe(200);
    const handle = suite.sys.temporal.workflow.getHandle(workflowId.referral(id));
    await handle.result();
    const { runId } = await handle.describe();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the last emails land before the snapshot
    const before = await snapshot(id);

    const attempts: [string, () => Promise<{ status: number; body: Record<string, any> }>, string][] = [
      [
        'book an action',
        () =>
          clinician.post(`/api/cases/${id}/actions`, {
            kind: 'appointment',
            scheduledAt: '2027-03-01T10:00:00Z',
            appointmentType: 'telephone',
          }),
        REFERRAL_STEPS.changeAction.refusal,
      ],
      [
        'rebook a cancelled action',
        () =>
          clinician.post(`/api/cases/${id}/actions/${cancelled}/rebook`, {
            scheduledAt: '2027-03-02T10:00:00Z',
            appointmentType: 'telephone',
          }),
        REFERRAL_STEPS.changeAction.refusal,
      ],
      [
        'move an open action',
        () => clinician.put(`/api/cases/${id}/actions/${open}/status`, { status: 'closed' }),
        REFERRAL_STEPS.changeAction.refusal,
      ],
      [
        'ask for consent',
        () => clinician.post(`/api/cases/${id}/consent/request`),
        REFERRAL_STEPS.requestConsent.refusal,
      ],
      [
        'record consent',
        () => clinician.put(`/api/cases/${id}/consent`, { decision: 'declined' }),
        REFERRAL_STEPS.recordConsent.refusal,
      ],
      [
        'close again',
        () => clinician.post(`/api/cases/${id}/close`, { outcome: 'Another outcome', recallDate: '2028-01-01' }),
        REFERRAL_STEPS.close.refusal,
      ],
      [
        'issue a letter',
        () => clinician.post(`/api/cases/${id}/letters`, { body: 'A letter for a closed case.' }),
        REFERRAL_STEPS.issueLetter.refusal,
      ],
      ['accept at triage', () => clinician.post(`/api/triage/${id}/accept`, {}), REFERRAL_STEPS.triage.refusal],
      [
        'reject at triage',
        () => clinician.post(`/api/triage/${id}/reject`, { category: 'other', reason: 'Too late' }),
        REFERRAL_STEPS.triage.refusal,
      ],
      ['submit', () => referrer.post(`/api/referrals/${id}/submit`), REFERRAL_STEPS.submit.refusal],
      ['delete', () => referrer.request('DELETE', `/api/referrals/${id}`), REFERRAL_STEPS.delete.refusal],
      [
        'save as a draft',
        () => referrer.put(`/api/referrals/${id}`, { formData: completeManagementReferral() }),
        'This referral has been submitted and can no longer be edited.',
      ],
    ];
    for (const [what, attempt, message] of attempts) {
      const res = await attempt();
      expect({ what, status: res.status, message: res.body.error?.message }).toEqual({ what, status: 409, message });
    }

    expect(await snapshot(id)).toEqual(before);
    // No second run was started for the referral.
    const after = await handle.describe();
    expect({ runId: after.runId, status: after.status.name }).toEqual({ runId, status: 'COMPLETED' });
    // A run made since the new-row check: its command sequence is kept for the replay test.
    await recordHistory(suite.sys.temporal, 'referral-row-checked-closed', workflowId.referral(id));
  });

  it('maps a run that ended after the state was read to the same 409, and takes the stored record back', async () => {
    const referrer = await as(suite.world.referrer);
    const clinician = await as(suite.world.clinician);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const id = body.id as string;
    await referrer.post(`/api/referrals/${id}/submit`);
    await clinician.post(`/api/triage/${id}/accept`, {});
    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Resolved' });
    await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();

    // As if this request had read the case just before another clinician closed it.
    let undone = false;
    const stale = runReferralStep(
      suite.sys.deps,
      { id, status: 'triage_ima_required' },
      'close',
      closeUpdate,
      { clinicianId: suite.world.clinician.id },
      {
        store: async () => undefined,
        undo: async () => {
          undone = true;
        },
      },
    );
    await expect(stale).rejects.toEqual(new AppError('INVALID_STATE', REFERRAL_STEPS.close.refusal));
    await expect(stale).rejects.toMatchObject({ status: 409 });
    expect(undone).toBe(true);
  });
});
