import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { workflowId } from '../../temporal.config.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { ApiCaller } from '../helpers/http.ts';

const REVIEW_MS = 60_000;
const suite = apiSuite({ system: { durations: { employeeReview: REVIEW_MS } } });
const { as } = suite;

let n = 0;
/** A submitted referral by the world's referrer; `accept` makes it a case. */
async function referral(overrides: Record<string, string> = {}, accept = true) {
  const employeeEmail = `case${++n}-${suite.world.tag}@home.test`;
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeEmail, ...overrides }),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await as(suite.world.clinician);
  const acc = accept ? await clinician.post(`/api/triage/${body.id}/accept`, {}) : undefined;
  const caseNumber = (acc?.body.caseNumber as string) ?? '';
  return { id: body.id as string, caseNumber, employeeEmail, referrer, clinician };
}

const statusOf = async (caller: ApiCaller, id: string) => (await caller.get(`/api/referrals/${id}`)).body.status;
const mailTo = (to: string, subject: string) =>
  suite.sys.mail.waitFor((m) => m.to.includes(to) && m.subject === subject);

/** Two more users of the client organisation under `top`: one the referrer shares with, one not. */
const extra = {} as { sharer: { id: string; username: string; email: string }; colleague: typeof extra.sharer };
beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  const { tag, client, top, referrer } = suite.world;
  const make = async (name: string) => {
    const username = `${name}-${tag}`;
    const email = `${username}@client-${tag}.test`;
    const id = await createUser(
      suite.sys.db,
      { username, email, passwordHash: hash, title: 'Mr', firstName: name, surname: `Tester${tag}` },
      [{ organisationId: client.id, managerId: top.id, permissions: ['referrer'], locationId: null }],
    );
    return { id, username, email };
  };
  extra.sharer = await make('sharer');
  extra.colleague = await make('colleague');
  // The referrer shares with the sharer, who asked for copies of the emails; the peer gets none.
  await suite.sys.db('shares').insert({ organisationId: client.id, ownerId: referrer.id, viewerId: extra.sharer.id });
});

describe('statuses that move with the case', () => {
  it('follows consent, actions and letters to closure, and emails the owner and sharers', async () => {
    const { id, caseNumber, employeeEmail, referrer, clinician } = await referral({ employeeSeesReportFirst: 'Yes' });
    expect(await statusOf(referrer, id)).toBe('triage_ima_required');

    await clinician.post(`/api/cases/${id}/consent/request`);
    expect(await statusOf(referrer, id)).toBe('awaiting_employee_consent');
    // Booked while consent is awaited: the case waits for consent, then takes the booking's status.
    const booked = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-03-01T10:00:00Z',
      appointmentType: 'telephone',
    });
    expect(booked.status).toBe(201);
    expect(await statusOf(referrer, id)).toBe('awaiting_employee_consent');
    const consentMail = await mailTo(employeeEmail, 'Your occupational health referral: your consent');
    const token = /token=([a-z0-9]+)/.exec(consentMail.text)![1]!;
    const anon = new ApiCaller(suite.sys.app);
    expect((await anon.post('/api/employee/consent', { token, decision: 'given' })).status).toBe(204);
    expect(await statusOf(referrer, id)).toBe('appointment_booked');
    const detail = (await referrer.get(`/api/referrals/${id}`)).body;
    expect(detail).toMatchObject({ statusLabel: 'Appointment Booked' });
    expect(detail.statusExplanation).toMatch(/Actions tab/);

    // Cancelled: the owner and the sharer are told, and the status goes back to what it was.
    const first = booked.body.action.id as string;
    await clinician.put(`/api/cases/${id}/actions/${first}/status`, { status: 'canx' });
    expect(await statusOf(referrer, id)).toBe('triage_ima_required');
    for (const to of [suite.world.referrer.email, extra.sharer.email]) {
      const mail = await mailTo(to, `Appointment cancelled: case ${caseNumber}`);
      expect(mail.text).toContain('1 March 2027 at 10:00');
      expect(mail.html).toContain('has been cancelled');
    }
    // Rebooked: "changed", with the new time.
    const rebooked = await clinician.post(`/api/cases/${id}/actions/${first}/rebook`, {
      scheduledAt: '2027-03-08T11:30:00Z',
      appointmentType: 'telephone',
    });
    expect(await statusOf(referrer, id)).toBe('appointment_booked');
    const changed = await mailTo(extra.sharer.email, `Appointment changed: case ${caseNumber}`);
    expect(changed.text).toContain('8 March 2027 at 11:30');
    await clinician.put(`/api/cases/${id}/actions/${rebooked.body.action.id}/status`, { status: 'closed' });
    expect(await statusOf(referrer, id)).toBe('awaiting_advice_letter');

    const evidence = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'evidence',
      scheduledAt: '2027-03-20T00:00:00Z',
    });
    expect(await statusOf(referrer, id)).toBe('awaiting_further_evidence');
    await clinician.put(`/api/cases/${id}/actions/${evidence.body.action.id}/status`, { status: 'closed' });
    expect(await statusOf(referrer, id)).toBe('awaiting_advice_letter');
    // An evidence request is no appointment: only the first booking was announced, to the owner and the sharer.
    expect(
      suite.sys.mail.messages().filter((m) => m.subject === `Appointment booked: case ${caseNumber}`),
    ).toHaveLength(2);

    await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work with a phased return.' });
    expect(await statusOf(referrer, id)).toBe('advice_letter_awaiting_employee_response');
    const review = await mailTo(employeeEmail, 'Your occupational health advice letter is ready for you to check');
    const reviewToken = /token=([a-z0-9]+)/.exec(review.text)![1]!;
    expect((await anon.post('/api/employee/letter', { token: reviewToken, response: 'accurate' })).status).toBe(204);
    await expect.poll(() => statusOf(referrer, id), { timeout: 15_000 }).toBe('advice_letter_issued');
    for (const to of [suite.world.referrer.email, extra.sharer.email]) {
      const mail = await mailTo(to, `Advice letter available: case ${caseNumber}`);
      expect(mail.text).not.toContain('phased return');
    }

    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Fit for work; phased return agreed' });
    expect(await statusOf(referrer, id)).toBe('closed');
    for (const to of [suite.world.referrer.email, extra.sharer.email]) {
      const mail = await mailTo(to, `Case closed: outcome available for case ${caseNumber}`);
      expect(mail.text).toContain(`/cases/${id}`);
      expect(mail.html).toContain(`href="${suite.sys.publicUrl}/cases/${id}"`);
      for (const body of [mail.text, mail.html]) expect(body).not.toContain('phased return');
    }
    // No copy to a colleague without a share.
    expect(suite.sys.mail.messages().some((m) => m.to.includes(extra.colleague.email))).toBe(false);

    // The read model's history holds every move, in order.
    const events = await suite.sys.db('case_events').where({ referralId: id }).orderBy('id').pluck('status');
    expect(events).toEqual([
      'pending_triage',
      'triage_ima_required',
      'awaiting_employee_consent',
      'appointment_booked',
      'triage_ima_required',
      'appointment_booked',
      'awaiting_advice_letter',
      'awaiting_further_evidence',
      'awaiting_advice_letter',
      'advice_letter_awaiting_employee_response',
      'advice_letter_issued',
      'closed',
    ]);
    await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();
    await recordHistory(suite.sys.temporal, 'referral-status-follows-case', workflowId.referral(id));
  });

  it('issues a letter at once when the employee did not ask to see it, and emails a declined consent’s closure', async () => {
    const { id, caseNumber, employeeEmail, referrer, clinician } = await referral();
    await clinician.post(`/api/cases/${id}/letters`, { body: 'Fit for work.' });
    expect(await statusOf(referrer, id)).toBe('advice_letter_issued');
    await clinician.post(`/api/cases/${id}/consent/request`);
    const consentMail = await mailTo(employeeEmail, 'Your occupational health referral: your consent');
    const token = /token=([a-z0-9]+)/.exec(consentMail.text)![1]!;
    await new ApiCaller(suite.sys.app).post('/api/employee/consent', { token, decision: 'declined' });
    expect(await statusOf(referrer, id)).toBe('closed');
    await mailTo(suite.world.referrer.email, `Case closed: outcome available for case ${caseNumber}`);
  });

  it('emails the rejection reason with the category, in text and HTML', async () => {
    const { id, clinician } = await referral({}, false);
    await clinician.post(`/api/triage/${id}/reject`, {
      category: 'more_information_needed',
      reason: 'Please attach the signed consent form.',
    });
    const mail = await suite.sys.mail.waitFor(
      (m) =>
        m.to.includes(suite.world.referrer.email) &&
        m.subject === 'Rejected Management referral' &&
        m.text.includes(id.slice(0, 8).toUpperCase()),
    );
    expect(mail.text).toContain('Reason: More information needed');
    expect(mail.text).toContain('Please attach the signed consent form.');
    expect(mail.html).toContain('Please attach the signed consent form.');
  });
});

describe('notes', () => {
  it('are written by a clinician, dated and signed, read by those who may see the case, announced without text', async () => {
    const { id, caseNumber, referrer, clinician } = await referral();
    const text = 'The employee has asked for the appointment to be in the afternoon.';
    const added = await clinician.post(`/api/cases/${id}/notes`, { body: `  ${text}  ` });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ body: text, signedBy: `Clinician Tester${suite.world.tag}` });
    expect(Date.parse(added.body.createdAt)).not.toBeNaN();

    const seen = await referrer.get(`/api/cases/${id}/notes`);
    expect(seen.body.notes).toEqual([added.body]);
    for (const to of [suite.world.referrer.email, extra.sharer.email]) {
      const mail = await mailTo(to, `Note added: case ${caseNumber}`);
      expect(mail.text).toContain(`${suite.sys.publicUrl}/cases/${id}`);
      for (const body of [mail.text, mail.html]) expect(body).not.toContain('afternoon');
    }
    const noteRun = workflowId.caseNoteEmail(added.body.id);
    await suite.sys.temporal.workflow.getHandle(noteRun).result();
    await recordHistory(suite.sys.temporal, 'case-note-email-sent', noteRun);
    expect(await suite.sys.db('audit_log').where({ action: 'case.note_added', targetId: id }).count()).toEqual([
      { count: '1' },
    ]);

    expect((await referrer.post(`/api/cases/${id}/notes`, { body: 'Mine' })).status).toBe(403);
    const blank = await clinician.post(`/api/cases/${id}/notes`, { body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toEqual({ body: 'Enter the note' });
    const pending = await referral({}, false);
    expect((await clinician.post(`/api/cases/${pending.id}/notes`, { body: 'Too early' })).status).toBe(409);
    expect(await suite.sys.db('case_notes').where({ referralId: pending.id })).toEqual([]);
  });
});

describe('linked cases', () => {
  it('lists the re-referral link both ways and other referrals of the same employee the viewer may see', async () => {
    const who = {
      employeeFirstName: `Lin${suite.world.tag}`,
      employeeSurname: 'Ked',
      employeeDateOfBirth: '1975-06-30',
    };
    const earlier = await referral(who);
    await earlier.clinician.post(`/api/cases/${earlier.id}/close`, { outcome: 'Advice given' });
    const reReferred = await earlier.referrer.post(`/api/referrals/${earlier.id}/re-refer`);
    const later = reReferred.body.id as string;
    // The re-referral, completed and sent: the same employee's details came with it.
    await earlier.referrer.put(`/api/referrals/${later}`, { formData: completeManagementReferral(who) });
    await earlier.referrer.post(`/api/referrals/${later}/submit`);
    // Same name and birth date, in other letters' case, by the same referrer.
    const same = await referral({ ...who, employeeFirstName: who.employeeFirstName.toUpperCase() });
    // Same name, another birth date: someone else.
    await referral({ ...who, employeeDateOfBirth: '1990-01-01' });
    // The same employee referred by the peer, whom the referrer may not see.
    const peer = await as(suite.world.peer);
    const { body: peers } = await peer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(who),
    });
    await peer.post(`/api/referrals/${peers.id}/submit`);

    const linked = async (caller: ApiCaller, id: string) =>
      ((await caller.get(`/api/cases/${id}/linked`)).body.cases as { id: string; link: string }[]).map((c) => [
        c.id,
        c.link,
      ]);
    expect(await linked(earlier.referrer, earlier.id)).toEqual([
      [later, 'later_referral'],
      [same.id, 'same_employee'],
    ]);
    expect(await linked(earlier.referrer, later)).toEqual([
      [earlier.id, 'earlier_referral'],
      [same.id, 'same_employee'],
    ]);
    // The clinician sees every referral sent to the provider, the peer's too.
    expect(await linked(earlier.clinician, earlier.id)).toEqual([
      [later, 'later_referral'],
      [same.id, 'same_employee'],
      [peers.id, 'same_employee'],
    ]);
    expect(await linked(peer, peers.id)).toEqual([]);
  });
});

describe('the referral form as PDF', () => {
  it('renders the stored answers under the form’s questions, audited like any document', async () => {
    const { id, caseNumber, referrer } = await referral({ employeeJobTitle: 'Senior claims handler' });
    const res = await referrer.raw(`/api/cases/${id}/referral-form`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const expected of [
      'Management Referral',
      `Reference: ${caseNumber}`,
      'Position',
      'Senior claims handler',
      'Date of birth',
      '1 April 1980',
      'Back pain affecting attendance.',
      'Page 1 of',
    ])
      expect(text).toContain(expected);
    expect(
      await suite.sys
        .db('audit_log')
        .where({ action: 'document.downloaded', targetType: 'referral', targetId: id })
        .pluck('detail'),
    ).toEqual([{ document: 'referral-form' }]);
  });
});

describe('who may see a case, its notes, linked cases and documents', () => {
  const paths = (id: string) => [
    `/api/referrals/${id}`,
    `/api/cases/${id}/notes`,
    `/api/cases/${id}/linked`,
    `/api/cases/${id}/referral-form`,
    `/api/referrals/${id}/documents`,
    `/api/cases/${id}/actions`,
    `/api/cases/${id}/letters`,
  ];

  it('answers the owner, managers above, sharers and clinicians; 404 to everyone else; 401 without a session', async () => {
    const { id, clinician } = await referral();
    await clinician.post(`/api/cases/${id}/notes`, { body: 'Seen.' });
    const { world } = suite;
    const viewers = [
      ['owner', world.referrer, 200],
      ['manager above', world.manager, 200],
      ['manager above the manager', world.top, 200],
      ['sharer', extra.sharer, 200],
      ['clinician', world.clinician, 200],
      ['manager in another branch', world.peer, 404],
      ['un-shared colleague', extra.colleague, 404],
      ['another organisation’s user', world.outsider, 404],
    ] as const;
    for (const [who, user, status] of viewers) {
      const caller = await as(user);
      for (const path of paths(id)) expect([who, path, (await caller.raw(path)).status]).toEqual([who, path, status]);
    }
    const anon = new ApiCaller(suite.sys.app);
    for (const path of paths(id)) expect([path, (await anon.raw(path)).status]).toEqual([path, 401]);
    // Adding a note: clinicians only; a referrer who may see the case is refused, one who may not sees nothing.
    expect((await (await as(world.referrer)).post(`/api/cases/${id}/notes`, { body: 'x' })).status).toBe(403);
    expect((await anon.post(`/api/cases/${id}/notes`, { body: 'x' })).status).toBe(401);
    expect(await suite.sys.db('case_notes').where({ referralId: id }).count()).toEqual([{ count: '1' }]);
    // An unknown case is as absent as a hidden one.
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await clinician.raw(`/api/cases/${unknown}/notes`)).status).toBe(404);
    expect((await clinician.post(`/api/cases/${unknown}/notes`, { body: 'x' })).status).toBe(404);
  });
});
