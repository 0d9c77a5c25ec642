import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';
import { kill, startWorkerProcess } from '../helpers/worker-process.ts';

/**
 * Nothing is lost when a worker process dies: the worker is a real child
 * process (`npm run worker`'s entry point), killed with SIGKILL while a
 * referral is in flight; a new one finishes the work exactly once.
 */
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sys = await startTestSystem({ inProcessWorker: false });
  world = await createWorld(sys.db);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sys?.stop();
});

describe('a worker process killed mid-flight', () => {
  it('loses nothing: a new worker completes the acceptance once', async () => {
    const first = await startWorkerProcess(sys, children);
    const referrer = await ApiCaller.signIn(sys.app, world.referrer.username, PASSWORD);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const id = body.id as string;
    expect((await referrer.post(`/api/referrals/${id}/submit`)).body.status).toBe('pending_triage');

    await kill(first);
    const clinician = await ApiCaller.signIn(sys.app, world.clinician.username, PASSWORD);
    // Accepted while no worker is alive: the request waits, durably, in Temporal.
    const accepting = clinician.post(`/api/triage/${id}/accept`, {});
    await new Promise((r) => setTimeout(r, 1500));
    expect((await sys.db('referrals').where({ id }).first()).status).toBe('pending_triage');

    const second = await startWorkerProcess(sys, children);
    const accepted = await accepting;
    expect(accepted.status).toBe(200);
    expect(accepted.body.caseNumber).toBe(`CSM/OM/${world.tag}/1`);
    const row = await sys.db('referrals').where({ id }).first();
    expect(row.status).toBe('triage_ima_required');
    const org = await sys.db('organisations').where({ id: world.client.id }).first();
    expect(org.caseNumberSeq).toBe(1);
    await sys.mail.waitFor((m) => m.subject === `Management referral accepted: case CSM/OM/${world.tag}/1`);
    expect(sys.mail.messages().filter((m) => m.subject.startsWith('Management referral accepted'))).toHaveLength(1);
    await kill(second);
  });
});
