import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { approveUpdate, closeUpdate, stateQuery } from '../../workflows/referral.messages.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * Each path of the referral workflow against the real dev server, with
 * retention periods of seconds. With RECORD_HISTORIES=1 each path's history is
 * stored in test/fixtures/histories for the replay test.
 */
const RETENTION_MS = 3_000;

let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
let approvalWorld: Awaited<ReturnType<typeof createWorld>>;
const as = (user: { username: string }) => ApiCaller.signIn(sys.app, user.username, PASSWORD);
const handle = (id: string): WorkflowHandle => sys.temporal.workflow.getHandle(workflowId.referral(id));

beforeAll(async () => {
  sys = await startTestSystem({ durations: { draftRetention: RETENTION_MS, rejectedRetention: RETENTION_MS } });
  world = await createWorld(sys.db);
  approvalWorld = await createWorld(sys.db, { requiresApproval: true });
});
afterAll(() => sys?.stop());

async function newReferral(user: { username: string }, data = completeManagementReferral()) {
  const caller = await as(user);
  const res = await caller.post('/api/referrals', { formKey: 'management-referral', formData: data });
  return { caller, id: res.body.id as string };
}

const record = (name: string, id: string) => recordHistory(sys.temporal, `referral-${name}`, workflowId.referral(id));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('referral workflow', () => {
  it('deletes an unsubmitted draft and its records when the retention period passes', async () => {
    const { id } = await newReferral(world.referrer);
    const result = await handle(id).result();
    expect(result.status).toBe('deleted');
    expect(await sys.db('referrals').where({ id }).first()).toBeUndefined();
    const audit = await sys.db('audit_log').where({ action: 'referral.deleted_by_retention', targetId: id });
    expect(audit).toHaveLength(1);
    await record('draft-expired', id);
  });

  it('restarts the retention clock on every save', async () => {
    const { caller, id } = await newReferral(world.referrer);
    await sleep(RETENTION_MS * 0.6);
    expect(
      (
        await caller.put(`/api/referrals/${id}`, {
          formData: completeManagementReferral({ employeeFirstName: 'Edna' }),
        })
      ).status,
    ).toBe(200);
    await sleep(RETENTION_MS * 0.6);
    // Past the first deadline, but saved since: still here.
    expect(await sys.db('referrals').where({ id }).first()).toBeDefined();
    expect((await handle(id).query(stateQuery)).status).toBe('draft');
    expect((await handle(id).result()).status).toBe('deleted');
    await record('draft-saved-then-expired', id);
  });

  it('deletes a rejected referral when its retention period passes', async () => {
    const { caller, id } = await newReferral(world.referrer);
    await caller.post(`/api/referrals/${id}/submit`);
    const clinician = await as(world.clinician);
    expect(
      (await clinician.post(`/api/triage/${id}/reject`, { category: 'wrong_referral_type', reason: 'Wrong provider.' }))
        .status,
    ).toBe(200);
    expect((await handle(id).result()).status).toBe('deleted');
    expect(await sys.db('referrals').where({ id }).first()).toBeUndefined();
    await record('rejected-expired', id);
  });

  it("sends a referral to the author's manager for approval where the organisation requires it", async () => {
    const { caller, id } = await newReferral(approvalWorld.referrer);
    const submitted = await caller.post(`/api/referrals/${id}/submit`);
    expect(submitted.body.status).toBe('awaiting_approval');
    await sys.mail.waitFor(
      (m) => m.to.includes(approvalWorld.manager.email) && m.subject === 'Management referral awaiting your approval',
    );
    // Not at the provider yet: clinicians do not see it.
    const clinician = await as(approvalWorld.clinician);
    expect((await clinician.get(`/api/referrals/${id}`)).status).toBe(404);
    const state = await handle(id).executeUpdate(approveUpdate, { args: [{ approverId: approvalWorld.manager.id }] });
    expect(state.status).toBe('pending_triage');
    expect((await clinician.get(`/api/referrals/${id}`)).status).toBe(200);
    const accepted = await clinician.post(`/api/triage/${id}/accept`, { status: 'triage_further_evidence_required' });
    expect(accepted.body.status).toBe('triage_further_evidence_required');
    const closed = await handle(id).executeUpdate(closeUpdate, { args: [{ clinicianId: approvalWorld.clinician.id }] });
    expect(closed.status).toBe('closed');
    expect((await handle(id).result()).status).toBe('closed');
    const row = await sys.db('referrals').where({ id }).first();
    expect(row.status).toBe('closed');
    expect(row.closedAt).not.toBeNull();
    const events = await sys.db('case_events').where({ referralId: id }).orderBy('id').pluck('status');
    expect(events).toEqual(['awaiting_approval', 'pending_triage', 'triage_further_evidence_required', 'closed']);
    await record('approved-accepted-closed', id);
  });

  it('refuses an action that is not valid in the current state, changing nothing', async () => {
    const { id } = await newReferral(world.referrer);
    await expect(
      handle(id).executeUpdate(closeUpdate, { args: [{ clinicianId: world.clinician.id }] }),
    ).rejects.toThrow(/update failed|Only an open case/i);
    expect((await handle(id).query(stateQuery)).status).toBe('draft');
    const clinician = await as(world.clinician);
    // A draft is invisible to clinicians, so accepting it is a 404, not a leak.
    expect((await clinician.post(`/api/triage/${id}/accept`, {})).status).toBe(404);
    await handle(id).terminate('test finished');
  });

  it('accepts a referral and keeps running until the case is closed', async () => {
    const { caller, id } = await newReferral(world.referrer);
    await caller.post(`/api/referrals/${id}/submit`);
    const clinician = await as(world.clinician);
    const accepted = await clinician.post(`/api/triage/${id}/accept`, {});
    expect(accepted.body.caseNumber).toMatch(new RegExp(`^CSM/OM/${world.tag}/\\d+$`));
    await handle(id).executeUpdate(closeUpdate, { args: [{ clinicianId: world.clinician.id }] });
    expect((await handle(id).result()).status).toBe('closed');
    await record('accepted-closed', id);
  });
});
