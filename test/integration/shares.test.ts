import { describe, expect, it } from 'vitest';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import type { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;

/** A case of `caller`'s, submitted and accepted; its id and case number. */
async function acceptedCase(caller: ApiCaller, surname: string) {
  const { body } = await caller.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeSurname: surname }),
  });
  expect((await caller.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
  const accepted = await (await as(suite.world.clinician)).post(`/api/triage/${body.id}/accept`, {});
  expect(accepted.status).toBe(200);
  return { id: body.id as string, caseNumber: accepted.body.caseNumber as string };
}

const openIds = async (caller: ApiCaller) =>
  (await caller.get('/api/referrals?tab=open&limit=200')).body.rows.map((r: { id: string }) => r.id);

const audited = (action: string, targetId: string) =>
  suite.sys
    .db('audit_log')
    .where({ action, targetId })
    .select('actorId')
    .then((rows: { actorId: string }[]) => rows.map((r) => r.actorId));

describe('sharing my cases (My Account, Shared Users)', () => {
  it('shows the owner’s cases to the viewer, one way, until unshared', async () => {
    const { world } = suite;
    const referrer = await as(world.referrer);
    const peer = await as(world.peer);
    const mine = await acceptedCase(referrer, 'Sharedcase');
    const theirs = await acceptedCase(peer, 'Peercase');
    expect(await openIds(peer)).not.toContain(mine.id);

    expect((await referrer.post('/api/account/shares', { viewerId: world.peer.id })).status).toBe(204);
    const listed = await referrer.get('/api/account/shares');
    expect(listed.body.shares).toEqual([
      {
        viewerId: world.peer.id,
        firstName: 'Peer',
        surname: `Tester${world.tag}`,
        username: world.peer.username,
        jobTitle: 'HR Adviser',
        notify: true,
      },
    ]);
    expect(await openIds(peer)).toContain(mine.id);
    expect((await peer.get(`/api/referrals/${mine.id}`)).status).toBe(200);
    // One way: sharing mine with the peer does not show me theirs.
    expect(await openIds(referrer)).not.toContain(theirs.id);
    expect((await referrer.get(`/api/referrals/${theirs.id}`)).status).toBe(404);

    expect((await referrer.delete(`/api/account/shares/${world.peer.id}`)).status).toBe(204);
    expect((await referrer.get('/api/account/shares')).body.shares).toEqual([]);
    expect(await openIds(peer)).not.toContain(mine.id);
    expect((await peer.get(`/api/referrals/${mine.id}`)).status).toBe(404);
    expect(await audited('share.added', world.peer.id)).toContain(world.referrer.id);
    expect(await audited('share.removed', world.peer.id)).toContain(world.referrer.id);
  });

  it('copies case emails to a sharer whose notifications are on, and not to one whose are off', async () => {
    const { world, sys } = suite;
    const referrer = await as(world.referrer);
    await referrer.post('/api/account/shares', { viewerId: world.peer.id });
    await referrer.post('/api/account/shares', { viewerId: world.manager.id });
    expect((await referrer.put(`/api/account/shares/${world.manager.id}`, { notify: false })).status).toBe(204);
    expect(
      (await referrer.get('/api/account/shares')).body.shares.map((s: { viewerId: string; notify: boolean }) => [
        s.viewerId,
        s.notify,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [world.peer.id, true],
        [world.manager.id, false],
      ]),
    );
    expect(await audited('share.notify_changed', world.manager.id)).toContain(world.referrer.id);

    // The accept answers once its emails are sent.
    const { caseNumber } = await acceptedCase(referrer, 'Notified');
    const subject = `Management referral accepted: case ${caseNumber}`;
    await sys.mail.waitFor((m) => m.subject === subject && m.to.includes(world.referrer.email));
    await sys.mail.waitFor((m) => m.subject === subject && m.to.includes(world.peer.email));
    expect(sys.mail.messages().filter((m) => m.subject === subject && m.to.includes(world.manager.email))).toEqual([]);
    await referrer.delete(`/api/account/shares/${world.peer.id}`);
    await referrer.delete(`/api/account/shares/${world.manager.id}`);
  });

  it('offers only active users of my organisation, and refuses anyone else', async () => {
    const { world } = suite;
    const referrer = await as(world.referrer);
    await referrer.post('/api/account/shares', { viewerId: world.peer.id });
    const candidates = (await referrer.get('/api/account/shares/candidates')).body.users.map(
      (u: { id: string }) => u.id,
    );
    expect(candidates).toEqual(expect.arrayContaining([world.top.id, world.manager.id]));
    expect(candidates).not.toContain(world.referrer.id);
    expect(candidates).not.toContain(world.peer.id);
    expect(candidates).not.toContain(world.outsider.id);
    expect(candidates).not.toContain(world.clinician.id);

    const outsider = await referrer.post('/api/account/shares', { viewerId: world.outsider.id });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields.viewerId).toBe('Choose an active user of your organisation');
    expect((await referrer.post('/api/account/shares', { viewerId: world.referrer.id })).status).toBe(400);
    expect((await referrer.post('/api/account/shares', {})).status).toBe(400);
    expect((await referrer.delete(`/api/account/shares/${world.top.id}`)).status).toBe(404);
    expect((await referrer.put(`/api/account/shares/${world.top.id}`, { notify: true })).status).toBe(404);
    // Sharing twice is one share.
    expect((await referrer.post('/api/account/shares', { viewerId: world.peer.id })).status).toBe(204);
    expect((await referrer.get('/api/account/shares')).body.shares).toHaveLength(1);
    expect((await (await as(world.clinician)).get('/api/account/shares')).status).toBe(403);
    await referrer.delete(`/api/account/shares/${world.peer.id}`);
  });
});

describe('User Admin, 03 User Shares', () => {
  it('lists every share of the organisation to its user admin, who may remove one', async () => {
    const { world } = suite;
    const referrer = await as(world.referrer);
    await referrer.post('/api/account/shares', { viewerId: world.peer.id });
    const admin = await as(world.top);
    const { body } = await admin.get('/api/user-shares');
    const owner = body.owners.find((o: { id: string }) => o.id === world.referrer.id);
    expect(owner).toMatchObject({ username: world.referrer.username, shares: [{ viewerId: world.peer.id }] });
    // Another organisation's admin never sees them.
    expect((await referrer.get('/api/user-shares')).status).toBe(403);

    expect((await admin.delete(`/api/user-shares/${world.referrer.id}/${world.peer.id}`)).status).toBe(204);
    expect((await referrer.get('/api/account/shares')).body.shares).toEqual([]);
    expect((await admin.delete(`/api/user-shares/${world.referrer.id}/${world.peer.id}`)).status).toBe(404);
    expect(await audited('share.removed_by_admin', world.referrer.id)).toEqual([world.top.id]);
  });
});
