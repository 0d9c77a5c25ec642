import { describe, expect, it } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';

/**
 * A completion lost in an outage is noticed only when the attempt's start-to-close timeout runs out,
 * so each activity's timeout is its real work: seconds for a database write, a little more for an
 * email, each with retries. Read from the workflow history, as the server schedules them.
 */
const suite = apiSuite();

const seconds = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(d?.seconds ?? 0) + (d?.nanos ?? 0) / 1e9;

describe('activity timeouts', () => {
  it('gives database writes 10 s and emails 30 s, with retries', async () => {
    const referrer = await suite.as(suite.world.referrer);
    const created = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const id = created.body.id as string;
    expect((await referrer.post(`/api/referrals/${id}/submit`)).status).toBe(200);
    const clinician = await suite.as(suite.world.clinician);
    expect((await clinician.post(`/api/triage/${id}/accept`, {})).status).toBe(200);

    const history = await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).fetchHistory();
    const scheduled = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes)
      .filter((a) => a != null)
      .map((a) => ({
        type: a.activityType?.name,
        startToClose: seconds(a.startToCloseTimeout),
        attempts: a.retryPolicy?.maximumAttempts,
      }));
    expect(scheduled).toEqual([
      { type: 'recordStatus', startToClose: 10, attempts: 20 },
      { type: 'sendReferralEmail', startToClose: 30, attempts: 20 },
      { type: 'assignCaseNumber', startToClose: 10, attempts: 20 },
      { type: 'recordStatus', startToClose: 10, attempts: 20 },
      { type: 'sendReferralEmail', startToClose: 30, attempts: 20 },
    ]);
  });
});
