import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createReassignAll } from '../../db/queries/reassignments.ts';
import { workflowId } from '../../temporal.config.ts';
import { startReassignAll } from '../../api/temporal-edge.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { recordHistory } from '../helpers/histories.ts';

const suite = apiSuite();
const { as } = suite;

async function grant(userId: string, ...permissions: string[]) {
  const { db } = suite.sys;
  const { world } = suite;
  for (const p of permissions) {
    await db('memberships')
      .where({ userId, organisationId: world.client.id })
      .whereRaw('not (? = any(permissions))', [p])
      .update({ permissions: db.raw('array_append(permissions, ?)', [p]) });
  }
}

async function acceptedCase(owner: { username: string }) {
  const caller = await as(owner);
  const { body } = await caller.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(),
  });
  await caller.post(`/api/referrals/${body.id}/submit`);
  const accepted = await (await as(suite.world.clinician)).post(`/api/triage/${body.id}/accept`, {});
  return { id: body.id as string, caseNumber: accepted.body.caseNumber as string };
}

/** `count` cases of `ownerId`'s written straight to the read model (the workflow moves rows, not runs). */
async function manyCases(ownerId: string, count: number, statuses = ['triage_ima_required', 'closed']) {
  const { db } = suite.sys;
  const { world } = suite;
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    organisationId: world.client.id,
    formTypeId: form.id,
    authorId: ownerId,
    ownerId,
    status: statuses[i % statuses.length],
  }));
  for (let i = 0; i < rows.length; i += 500) await db('referrals').insert(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}

const ownersOf = async (ids: string[]) =>
  new Set((await suite.sys.db('referrals').whereIn('id', ids).select('ownerId')).map((r) => r.ownerId));

describe('reassigning one case', () => {
  it('moves the case to the new owner, who gets its emails, and its history says who, from whom and why', async () => {
    const { world, sys } = suite;
    await grant(world.top.id, 'case_reassigner');
    const { id, caseNumber } = await acceptedCase(world.referrer);
    const top = await as(world.top);
    // The case page offers Reassign Case to the case reassigner only.
    expect((await top.get(`/api/referrals/${id}`)).body.allowed.reassign).toBe(true);
    expect((await (await as(world.referrer)).get(`/api/referrals/${id}`)).body.allowed.reassign).toBe(false);
    const res = await top.post(`/api/referrals/${id}/reassign`, {
      toUserId: world.peer.id,
      reason: 'Rita is on long-term leave',
    });
    expect(res.status).toBe(204);
    expect((await sys.db('referrals').where({ id }).first()).ownerId).toBe(world.peer.id);

    const peer = await as(world.peer);
    const referrer = await as(world.referrer);
    expect((await peer.get(`/api/referrals/${id}`)).body.owner).toBe(`Peer Tester${world.tag}`);
    // The old owner loses sight of it; the hierarchy above still sees it.
    expect((await referrer.get(`/api/referrals/${id}`)).status).toBe(404);
    expect((await top.get(`/api/referrals/${id}`)).status).toBe(200);
    const history = (await peer.get(`/api/referrals/${id}/reassignments`)).body.reassignments;
    expect(history).toEqual([
      {
        at: expect.any(String),
        by: `Top Tester${world.tag}`,
        from: `Referrer Tester${world.tag}`,
        to: `Peer Tester${world.tag}`,
        reason: 'Rita is on long-term leave',
      },
    ]);
    const audit = await sys.db('audit_log').where({ action: 'case.reassigned', targetId: id }).first();
    expect(audit).toMatchObject({ actorId: world.top.id, detail: { from: world.referrer.id, to: world.peer.id } });

    // Its future emails go to the new owner, not the old one.
    await (await as(world.clinician)).post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-03-01T09:00:00Z',
      appointmentType: 'telephone',
    });
    const subject = `Appointment booked: case ${caseNumber}`;
    await sys.mail.waitFor((m) => m.subject === subject && m.to.includes(world.peer.email));
    expect(sys.mail.messages().filter((m) => m.subject === subject && m.to.includes(world.referrer.email))).toEqual([]);
  });

  it('refuses without the permission, a case out of sight, a user of another organisation, and no reason', async () => {
    const { world } = suite;
    await grant(world.top.id, 'case_reassigner');
    await grant(world.peer.id, 'case_reassigner');
    const { id } = await acceptedCase(world.referrer);
    const body = { toUserId: world.manager.id, reason: 'Cover' };
    expect((await (await as(world.manager)).post(`/api/referrals/${id}/reassign`, body)).status).toBe(403);
    // The peer may reassign, but not a case they cannot see: as if it did not exist.
    expect((await (await as(world.peer)).post(`/api/referrals/${id}/reassign`, body)).status).toBe(404);
    const top = await as(world.top);
    const outsider = await top.post(`/api/referrals/${id}/reassign`, { ...body, toUserId: world.outsider.id });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields.toUserId).toBe('Choose an active user of your organisation');
    const noReason = await top.post(`/api/referrals/${id}/reassign`, { ...body, reason: '  ' });
    expect(noReason.body.error.fields.reason).toBe('Enter the reason for the reassignment');
    const same = await top.post(`/api/referrals/${id}/reassign`, { ...body, toUserId: world.referrer.id });
    expect(same.status).toBe(400);
    expect((await suite.sys.db('referrals').where({ id }).first()).ownerId).toBe(world.referrer.id);
  });
});

describe('reassigning all of a user’s cases', () => {
  it('moves every case, open and closed, in batches, and reports its progress', async () => {
    const { world, sys } = suite;
    await grant(world.top.id, 'case_reassigner');
    const ids = await manyCases(world.manager.id, 1_203);
    const [draft] = await manyCases(world.manager.id, 1, ['draft']);
    const top = await as(world.top);
    const started = await top.post(`/api/users/${world.manager.id}/reassign-all`, {
      toUserId: world.peer.id,
      reason: 'Team restructure',
    });
    expect(started.status).toBe(202);
    const { reassignmentId } = started.body;
    const handle = sys.temporal.workflow.getHandle(workflowId.reassign(reassignmentId));
    expect(await handle.result()).toEqual({ moved: 1_203, total: 1_203 });
    await recordHistory(sys.temporal, 'reassign-all-one-run', workflowId.reassign(reassignmentId));

    expect(await ownersOf(ids)).toEqual(new Set([world.peer.id]));
    // A draft is its author's, not a case: it stays.
    expect(await ownersOf([draft!])).toEqual(new Set([world.manager.id]));
    const progress = await top.get(`/api/reassignments/${reassignmentId}`);
    expect(progress.body).toMatchObject({
      moved: 1_203,
      total: 1_203,
      done: true,
      fromName: `Manager Tester${world.tag}`,
      toName: `Peer Tester${world.tag}`,
    });
    const events = await sys.db('case_events').where({ reassignmentId }).count({ n: '*' });
    expect(Number(events[0]?.n)).toBe(1_203);
    const batches = await sys.db('audit_log').where({ action: 'cases.reassigned', targetId: world.manager.id });
    expect(batches.map((b) => b.detail.count)).toEqual([500, 500, 203]);
    const history = (await top.get(`/api/referrals/${ids[0]}/reassignments`)).body.reassignments;
    expect(history).toMatchObject([{ by: `Top Tester${world.tag}`, reason: 'Team restructure' }]);
  });

  it('continues as new after its batches per run, counting every case once', async () => {
    const { world, sys } = suite;
    const ids = await manyCases(world.manager.id, 45);
    const reassignmentId = await createReassignAll(sys.db, {
      organisationId: world.client.id,
      fromUserId: world.manager.id,
      toUserId: world.top.id,
      actorId: world.top.id,
      reason: 'Cover',
    });
    await startReassignAll(sys.deps, { reassignmentId, batchSize: 10, batchesPerRun: 2 });
    const handle = sys.temporal.workflow.getHandle(workflowId.reassign(reassignmentId));
    expect(await handle.result()).toEqual({ moved: 45, total: 45 });
    const described = await handle.describe();
    const firstRunId = described.raw.workflowExecutionInfo?.firstRunId ?? undefined;
    expect(firstRunId).toBeTruthy();
    // The last run is not the first: it continued as new.
    expect(described.runId).not.toBe(firstRunId);
    await recordHistory(
      sys.temporal,
      'reassign-all-continued-first-run',
      workflowId.reassign(reassignmentId),
      firstRunId!,
    );
    await recordHistory(sys.temporal, 'reassign-all-continued-last-run', workflowId.reassign(reassignmentId));
    expect(await ownersOf(ids)).toEqual(new Set([world.top.id]));
    expect(await sys.db('reassignments').where({ id: reassignmentId }).first()).toMatchObject({ moved: 45, total: 45 });
  });

  it('moves the next cases when a committed batch is retried, never the same ones again', async () => {
    const { world, sys } = suite;
    const ids = await manyCases(world.referrer.id, 25);
    // The referrer's cases from the tests before, besides these 25.
    const [row] = await sys
      .db('referrals')
      .where({ ownerId: world.referrer.id })
      .whereNotIn('status', ['draft', 'rejected'])
      .count({ n: '*' });
    const all = Number(row?.n);
    const reassignmentId = await createReassignAll(sys.db, {
      organisationId: world.client.id,
      fromUserId: world.referrer.id,
      toUserId: world.top.id,
      actorId: world.top.id,
      reason: 'Cover',
    });
    const activities = createActivities({
      db: sys.db,
      mailer: { send: async () => {}, close: () => {} },
      publicUrl: '',
    });
    // As if the first attempt's completion were lost and Temporal ran it again.
    expect(await activities.moveReassignBatch({ reassignmentId, batchSize: 10 })).toMatchObject({
      movedNow: 10,
      moved: 10,
    });
    expect(await activities.moveReassignBatch({ reassignmentId, batchSize: 10 })).toMatchObject({
      movedNow: 10,
      moved: 20,
    });
    const events: { referralId: string }[] = await sys.db('case_events').where({ reassignmentId }).select('referralId');
    expect(new Set(events.map((e) => e.referralId)).size).toBe(20);
    expect(await activities.moveReassignBatch({ reassignmentId, batchSize: 10 })).toMatchObject({
      movedNow: all - 20,
      moved: all,
    });
    expect(await activities.moveReassignBatch({ reassignmentId, batchSize: 10 })).toMatchObject({
      movedNow: 0,
      moved: all,
    });
    expect(await ownersOf(ids)).toEqual(new Set([world.top.id]));
  });

  it('needs User Admin and Case reassigner, a user of the organisation, and someone else to take them', async () => {
    const { world } = suite;
    await grant(world.manager.id, 'case_reassigner');
    const body = { toUserId: world.peer.id, reason: 'Cover' };
    expect((await (await as(world.manager)).post(`/api/users/${world.referrer.id}/reassign-all`, body)).status).toBe(
      403,
    );
    const top = await as(world.top);
    await grant(world.top.id, 'case_reassigner');
    expect((await top.post(`/api/users/${world.outsider.id}/reassign-all`, body)).status).toBe(404);
    expect(
      (await top.post(`/api/users/${world.referrer.id}/reassign-all`, { ...body, toUserId: world.referrer.id })).status,
    ).toBe(400);
    expect(
      (await top.post(`/api/users/${world.referrer.id}/reassign-all`, { ...body, toUserId: world.outsider.id })).status,
    ).toBe(400);
    expect((await top.get(`/api/reassignments/${randomUUID()}`)).status).toBe(404);
    expect((await (await as(world.referrer)).get(`/api/reassignments/${randomUUID()}`)).status).toBe(403);
  });
});

describe('a leaver', () => {
  it('is disabled, signed out everywhere, and their cases reassigned, in one action', async () => {
    const { world, sys } = suite;
    await grant(world.top.id, 'case_reassigner');
    const top = await as(world.top);
    expect(
      (await top.post(`/api/users/${world.top.id}/leaver`, { toUserId: world.manager.id, reason: 'x' })).status,
    ).toBe(409);
    const ids = await manyCases(world.peer.id, 30);
    const peer = await as(world.peer);
    const res = await top.post(`/api/users/${world.peer.id}/leaver`, {
      toUserId: world.manager.id,
      reason: 'Left the company',
    });
    expect(res.status).toBe(202);
    expect((await peer.get('/api/referrals')).status).toBe(401);
    expect((await sys.db('users').where({ id: world.peer.id }).first()).status).toBe('disabled');
    await sys.temporal.workflow.getHandle(workflowId.reassign(res.body.reassignmentId)).result();
    expect(await ownersOf(ids)).toEqual(new Set([world.manager.id]));
    const audit = await sys.db('audit_log').where({ action: 'account.disabled', targetId: world.peer.id }).first();
    expect(audit).toMatchObject({ actorId: world.top.id, detail: { leaver: true } });
  });
});
