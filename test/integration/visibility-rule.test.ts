import { describe, expect, it } from 'vitest';
import { createShare, createUser } from '../../db/queries/provisioning.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;
const TABS = ['draft', 'pending', 'open', 'closed', 'rejected'] as const;

/** A case (submitted and accepted, with a document) and a draft of `caller`'s, with a surname nobody else uses. */
async function caseAndDraft(caller: ApiCaller, surname: string) {
  const clinician = await as(suite.world.clinician);
  const { body } = await caller.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeSurname: surname }),
  });
  const form = new FormData();
  form.append('file', new File(['Notes from the meeting'], 'notes.txt', { type: 'text/plain' }));
  const uploaded = await caller.upload(`/api/referrals/${body.id}/documents`, form);
  expect(uploaded.status).toBe(201);
  expect((await caller.post(`/api/referrals/${body.id}/submit`)).status).toBe(200);
  expect((await clinician.post(`/api/triage/${body.id}/accept`, {})).status).toBe(200);
  const draft = await caller.post('/api/referrals', {
    formKey: 'management-referral',
    formData: { employeeSurname: surname },
  });
  return { caseId: body.id as string, documentId: uploaded.body.id as string, draftId: draft.body.id as string };
}

/** What the caller can find of the case and draft: every list, search, the case page, its documents. */
async function whatIsSeen(caller: ApiCaller, ids: Awaited<ReturnType<typeof caseAndDraft>>, surname: string) {
  const listed: string[] = [];
  for (const tab of TABS)
    listed.push(...(await caller.get(`/api/referrals?tab=${tab}`)).body.rows.map((r: { id: string }) => r.id));
  // The search spans open and closed cases at once (not drafts).
  listed.push(
    ...(await caller.get(`/api/referrals?search=${surname}`)).body.rows.map((r: { id: string }) => `search:${r.id}`),
  );
  return {
    listed: listed.filter((id) => id.endsWith(ids.caseId) || id.endsWith(ids.draftId)).sort(),
    casePage: (await caller.get(`/api/referrals/${ids.caseId}`)).status,
    draftPage: (await caller.get(`/api/referrals/${ids.draftId}`)).status,
    documents: (await caller.get(`/api/referrals/${ids.caseId}/documents`)).status,
    download: (await caller.raw(`/api/referrals/${ids.caseId}/documents/${ids.documentId}`)).status,
    actions: (await caller.get(`/api/cases/${ids.caseId}/actions`)).status,
    letters: (await caller.get(`/api/cases/${ids.caseId}/letters`)).status,
  };
}

const HIDDEN = { listed: [], casePage: 404, draftPage: 404, documents: 404, download: 404, actions: 404, letters: 404 };

describe('the visibility rule', () => {
  it('keeps an organisation’s cases inside it, even from a user who belongs to both', async () => {
    const { world, sys } = suite;
    const username = `dual-${world.tag}`;
    const dualId = await createUser(
      sys.db,
      {
        username,
        email: `${username}@client-${world.tag}.test`,
        passwordHash: (await sys.db('users').where({ id: world.referrer.id }).first('passwordHash')).passwordHash,
        title: 'Mr',
        firstName: 'Dual',
        surname: `Member${world.tag}`,
        jobTitle: 'Shared services',
        telephone: '0113 496 0001',
        workAddress: '1 Test Street',
        workPostcode: 'LS1 1AA',
      },
      [
        {
          organisationId: world.client.id,
          managerId: null,
          permissions: ['referrer'],
          locationId: world.client.locations.Leeds!,
        },
        { organisationId: world.other.id, managerId: null, permissions: ['referrer'], locationId: null },
      ],
    );
    const dual = await ApiCaller.signIn(sys.app, username, PASSWORD);
    expect((await dual.put('/api/auth/organisation', { organisationId: world.client.id })).status).toBe(204);
    const surname = `Dualcase${world.tag}`;
    const ids = await caseAndDraft(dual, surname);
    const own = await whatIsSeen(dual, ids, surname);
    expect(own).toMatchObject({
      casePage: 200,
      draftPage: 200,
      documents: 200,
      download: 200,
      actions: 200,
      letters: 200,
    });
    expect(own.listed).toEqual([ids.caseId, ids.draftId, `search:${ids.caseId}`].sort());

    expect((await dual.put('/api/auth/organisation', { organisationId: world.other.id })).status).toBe(204);
    expect(await whatIsSeen(dual, ids, surname)).toEqual(HIDDEN);
    expect(dualId).toBeTruthy();
  });

  it('shows the cases of a user who shared with the viewer, one way, until the share is removed', async () => {
    const { world, sys } = suite;
    const referrer = await as(world.referrer);
    const peer = await as(world.peer);
    const surname = `Sharedcase${world.tag}`;
    const ids = await caseAndDraft(referrer, surname);
    expect(await whatIsSeen(peer, ids, surname)).toEqual(HIDDEN);

    await createShare(sys.db, { organisationId: world.client.id, ownerId: world.referrer.id, viewerId: world.peer.id });
    const shared = await whatIsSeen(peer, ids, surname);
    // The case, not the owner's draft.
    expect(shared).toEqual({
      listed: [ids.caseId, `search:${ids.caseId}`].sort(),
      casePage: 200,
      draftPage: 404,
      documents: 200,
      download: 200,
      actions: 200,
      letters: 200,
    });
    // One way: the owner does not see the viewer's cases through it.
    const peerIds = await caseAndDraft(peer, `Peercase${world.tag}`);
    expect((await referrer.get(`/api/referrals/${peerIds.caseId}`)).status).toBe(404);

    await sys.db('shares').where({ ownerId: world.referrer.id, viewerId: world.peer.id }).delete();
    expect(await whatIsSeen(peer, ids, surname)).toEqual(HIDDEN);
  });
});
