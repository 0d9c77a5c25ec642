import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReassignAll } from '../../api/temporal-edge.ts';
import { createReassignAll } from '../../db/queries/reassignments.ts';
import { workflowId } from '../../temporal.config.ts';
import { createWorld } from '../helpers/fixtures.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';
import { kill, startWorkerProcess } from '../helpers/worker-process.ts';

/**
 * Reassign all survives a worker process killed in the middle of a batch: the batch's transaction
 * never commits, a new worker retries it, and in the end every case has moved exactly once.
 */
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
const children: ChildProcess[] = [];

/** Polls `check` until it is true; the test's own timeout bounds it. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  sys = await startTestSystem({ inProcessWorker: false });
  world = await createWorld(sys.db);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sys?.stop();
});

describe('reassign all with a worker killed mid-batch', () => {
  it('moves nothing twice and loses nothing', async () => {
    const { db } = sys;
    const form = await db('form_types').where({ key: 'management-referral' }).first('id');
    const ids = Array.from({ length: 200 }, () => randomUUID()).sort();
    await db('referrals').insert(
      ids.map((id, i) => ({
        id,
        organisationId: world.client.id,
        formTypeId: form.id,
        authorId: world.referrer.id,
        ownerId: world.referrer.id,
        status: i % 2 ? 'closed' : 'triage_ima_required',
      })),
    );
    const reassignmentId = await createReassignAll(db, {
      organisationId: world.client.id,
      fromUserId: world.referrer.id,
      toUserId: world.peer.id,
      actorId: world.top.id,
      reason: 'Left the company',
    });
    // Another transaction holds the 96th case: the fifth batch of 20 waits on it, mid-transaction.
    const holder = await db.transaction();
    await holder('referrals').where({ id: ids[95] }).forUpdate().first('id');

    await startReassignAll(sys.deps, { reassignmentId, batchSize: 20, batchesPerRun: 3 });
    const first = await startWorkerProcess(sys, children);
    const moved = async () => (await db('reassignments').where({ id: reassignmentId }).first('moved')).moved;
    await until(async () => (await moved()) === 80);
    await until(async () => (await db('pg_locks').where({ granted: false }).first()) !== undefined);
    await kill(first);
    await holder.rollback();
    expect(await moved()).toBe(80);

    await startWorkerProcess(sys, children);
    const handle = sys.temporal.workflow.getHandle(workflowId.reassign(reassignmentId));
    expect(await handle.result()).toEqual({ moved: 200, total: 200 });

    const owners = await db('referrals').whereIn('id', ids).distinct('ownerId');
    expect(owners).toEqual([{ ownerId: world.peer.id }]);
    const events: { referralId: string }[] = await db('case_events').where({ reassignmentId }).select('referralId');
    expect(events).toHaveLength(200);
    expect(new Set(events.map((e) => e.referralId)).size).toBe(200);
    const audits = await db('audit_log').where({ action: 'cases.reassigned', targetId: world.referrer.id });
    expect(audits.reduce((sum, a) => sum + a.detail.count, 0)).toBe(200);
    expect(await db('reassignments').where({ id: reassignmentId }).first()).toMatchObject({ moved: 200, total: 200 });
  }, 120_000);
});
