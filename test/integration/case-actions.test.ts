import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { workflowId } from '../../temporal.config.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { apiSuite } from '../helpers/api-suite.ts';

const suite = apiSuite();
const { as } = suite;

async function submitted() {
  const referrer = await as(suite.world.referrer);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral(),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  return body.id as string;
}

describe('case actions', () => {
  it('refuses actions on a case that is not open, leaving no record', async () => {
    const id = await submitted();
    const res = await (await as(suite.world.clinician)).post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-15T10:30:00Z',
      appointmentType: 'telephone',
    });
    expect(res.status).toBe(409);
    expect(await suite.sys.db('case_actions').where({ referralId: id })).toEqual([]);
  });

  it('books, records a DNA with a same-day email, rebooks, and offers closure after repeated DNAs', async () => {
    const id = await submitted();
    const clinician = await as(suite.world.clinician);
    const { body: accepted } = await clinician.post(`/api/triage/${id}/accept`, {});
    const booked = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-15T10:30:00Z',
      appointmentType: 'telephone',
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      action: { kind: 'appointment', status: 'open', statusLabel: 'Open' },
      closureSuggested: false,
    });
    const bookedMail = await suite.sys.mail.waitFor(
      (m) =>
        m.to.includes(suite.world.referrer.email) && m.subject === `Appointment booked: case ${accepted.caseNumber}`,
    );
    expect(bookedMail.text).toContain('15 January 2027 at 10:30');

    const referrer = await as(suite.world.referrer);
    expect((await referrer.get(`/api/cases/${id}/actions`)).body.actions).toHaveLength(1);
    expect((await (await as(suite.world.peer)).get(`/api/cases/${id}/actions`)).status).toBe(404);
    expect(
      (
        await referrer.post(`/api/cases/${id}/actions`, {
          kind: 'appointment',
          scheduledAt: '2027-01-15T10:30:00Z',
          appointmentType: 'telephone',
        })
      ).status,
    ).toBe(403);

    const first = booked.body.action.id;
    expect(
      (
        await clinician.post(`/api/cases/${id}/actions/${first}/rebook`, {
          scheduledAt: '2027-01-20T09:00:00Z',
          appointmentType: 'telephone',
        })
      ).status,
    ).toBe(409);
    const dna = await clinician.put(`/api/cases/${id}/actions/${first}/status`, { status: 'dna' });
    expect(dna.body).toMatchObject({ action: { status: 'dna', statusLabel: 'DNA' }, closureSuggested: false });
    await suite.sys.mail.waitFor(
      (m) =>
        m.to.includes(suite.world.referrer.email) &&
        m.subject === `Appointment not attended: case ${accepted.caseNumber}`,
    );
    expect((await clinician.put(`/api/cases/${id}/actions/${first}/status`, { status: 'closed' })).status).toBe(409);

    const rebooked = await clinician.post(`/api/cases/${id}/actions/${first}/rebook`, {
      scheduledAt: '2027-01-22T14:00:00Z',
      appointmentType: 'telephone',
    });
    expect(rebooked.body.action.rebookedFromId).toBe(first);
    const second = await clinician.put(`/api/cases/${id}/actions/${rebooked.body.action.id}/status`, { status: 'dna' });
    expect(second.body.closureSuggested).toBe(true);

    const evidence = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'evidence',
      scheduledAt: '2027-02-01T00:00:00Z',
    });
    expect(
      (await clinician.put(`/api/cases/${id}/actions/${evidence.body.action.id}/status`, { status: 'closed' })).body
        .action.statusLabel,
    ).toBe('Closed');
    expect(
      (
        await clinician.post(`/api/cases/${id}/actions`, {
          kind: 'appointment',
          scheduledAt: 'next tuesday',
          appointmentType: 'telephone',
        })
      ).status,
    ).toBe(400);

    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Closed after repeated non-attendance' });
    await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();
    await recordHistory(suite.sys.temporal, 'referral-actions-dna-closed', workflowId.referral(id));
  });
});

/** An open case; with `employeeEmail`, the referral has the employee's email address. */
async function openCase(employeeEmail?: string) {
  const referrer = await as(suite.world.referrer);
  const formData = completeManagementReferral(employeeEmail ? { employeeEmail } : {});
  const { body } = await referrer.post('/api/referrals', { formKey: 'management-referral', formData });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await as(suite.world.clinician);
  const { body: accepted } = await clinician.post(`/api/triage/${body.id}/accept`, {});
  return { id: body.id as string, caseNumber: accepted.caseNumber as string, clinician, referrer };
}

let mailbox = 0;
const employeeAddress = () => `employee${++mailbox}-${suite.world.tag}@home.test`;
const toEmployee = (email: string) => suite.sys.mail.messages().filter((m) => m.to.includes(email));
const ADDRESS = 'Occupational Health Centre\n1 Park Row\nLeeds LS1 5AB';
const LINK = 'https://meet.example.com/abc-defg-hij';

describe('appointment types and places', () => {
  it('refuses an appointment without the details its type needs, in GOV.UK words, storing nothing', async () => {
    const { id, clinician } = await openCase();
    const at = { kind: 'appointment', scheduledAt: '2027-01-15T10:30:00Z' };
    const refusals: [Record<string, string>, string, string][] = [
      [{}, 'appointmentType', 'Select the type of appointment'],
      [{ appointmentType: 'carrier pigeon' }, 'appointmentType', 'Select the type of appointment'],
      [{ appointmentType: 'face_to_face' }, 'address', 'Enter the address of the face to face appointment'],
      [
        { appointmentType: 'face_to_face', address: '  \n ' },
        'address',
        'Enter the address of the face to face appointment',
      ],
      [
        { appointmentType: 'face_to_face', address: ADDRESS, videoLink: LINK },
        'videoLink',
        'A face to face appointment has an address, not a link: remove the link',
      ],
      [{ appointmentType: 'video' }, 'videoLink', 'Enter the link to the video call'],
      [
        { appointmentType: 'video', videoLink: 'javascript:alert(1)' },
        'videoLink',
        'Enter the link to the video call in the correct format, like https://meet.example.com/abc-defg',
      ],
      [
        { appointmentType: 'video', videoLink: 'meet.example.com/abc' },
        'videoLink',
        'Enter the link to the video call in the correct format, like https://meet.example.com/abc-defg',
      ],
      [
        { appointmentType: 'video', videoLink: LINK, address: ADDRESS },
        'address',
        'A video call has a link, not an address: remove the address',
      ],
      [
        { appointmentType: 'telephone', address: ADDRESS },
        'address',
        'A telephone appointment has no address or link: remove it',
      ],
    ];
    for (const [details, field, message] of refusals) {
      const res = await clinician.post(`/api/cases/${id}/actions`, { ...at, ...details });
      expect(res.status, JSON.stringify(details)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(details)).toEqual({ [field]: message });
    }
    const evidence = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'evidence',
      scheduledAt: '2027-02-01T09:00:00Z',
      appointmentType: 'video',
      videoLink: LINK,
    });
    expect(evidence.body.error.fields).toEqual({
      appointmentType: 'A further medical evidence request has no appointment type, address or link',
    });
    expect(await suite.sys.db('case_actions').where({ referralId: id })).toEqual([]);
  });

  it('stores the type with its address or link, and shows them to the clinician and the referrer', async () => {
    const { id, clinician, referrer } = await openCase();
    const video = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-15T10:30:00Z',
      appointmentType: 'video',
      videoLink: ` ${LINK} `,
    });
    expect(video.status).toBe(201);
    expect(video.body.action).toMatchObject({
      appointmentType: 'video',
      appointmentTypeLabel: 'Video call',
      place: LINK,
    });
    await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-16T11:00:00Z',
      appointmentType: 'face_to_face',
      address: ADDRESS,
    });
    await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-17T12:00:00Z',
      appointmentType: 'telephone',
    });
    await clinician.post(`/api/cases/${id}/actions`, { kind: 'evidence', scheduledAt: '2027-01-18T09:00:00Z' });
    const shown = (await referrer.get(`/api/cases/${id}/actions`)).body.actions;
    expect(
      shown.map((a: Record<string, unknown>) => [a.kind, a.appointmentType, a.appointmentTypeLabel, a.place]),
    ).toEqual([
      ['appointment', 'video', 'Video call', LINK],
      ['appointment', 'face_to_face', 'Face to face', ADDRESS],
      ['appointment', 'telephone', 'Telephone', null],
      ['evidence', null, null, null],
    ]);
  });

  it('refuses the same booking sent twice, so the form sent again is not a double booking', async () => {
    const { id, clinician } = await openCase();
    const booking = { kind: 'appointment', scheduledAt: '2027-01-15T10:30:00Z', appointmentType: 'telephone' };
    expect((await clinician.post(`/api/cases/${id}/actions`, booking)).status).toBe(201);
    const again = await clinician.post(`/api/cases/${id}/actions`, booking);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('This case already has an open appointment at that date and time.');
    expect(await suite.sys.db('case_actions').where({ referralId: id })).toHaveLength(1);
    // Another time, or an evidence request at the same time, is a booking of its own.
    expect(
      (await clinician.post(`/api/cases/${id}/actions`, { ...booking, scheduledAt: '2027-01-15T11:30:00Z' })).status,
    ).toBe(201);
    expect(
      (await clinician.post(`/api/cases/${id}/actions`, { kind: 'evidence', scheduledAt: '2027-01-15T10:30:00Z' }))
        .status,
    ).toBe(201);
  });

  it('rebooks with a new type and place', async () => {
    const { id, clinician } = await openCase();
    const { body } = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-15T10:30:00Z',
      appointmentType: 'face_to_face',
      address: ADDRESS,
    });
    await clinician.put(`/api/cases/${id}/actions/${body.action.id}/status`, { status: 'canx' });
    const missing = await clinician.post(`/api/cases/${id}/actions/${body.action.id}/rebook`, {
      scheduledAt: '2027-01-20T09:00:00Z',
    });
    expect(missing.body.error.fields).toEqual({ appointmentType: 'Select the type of appointment' });
    const rebooked = await clinician.post(`/api/cases/${id}/actions/${body.action.id}/rebook`, {
      scheduledAt: '2027-01-20T09:00:00Z',
      appointmentType: 'video',
      videoLink: LINK,
    });
    expect(rebooked.body.action).toMatchObject({
      rebookedFromId: body.action.id,
      appointmentType: 'video',
      place: LINK,
    });
  });
});

describe("the employee's appointment emails", () => {
  it('tells the employee of a booking, a cancellation and a rebooking: when, how and where, nothing about their health', async () => {
    const email = employeeAddress();
    const { id, clinician } = await openCase(email);
    const { body } = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-01-15T10:30:00Z',
      appointmentType: 'face_to_face',
      address: ADDRESS,
    });
    const booked = await suite.sys.mail.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Your occupational health appointment',
    );
    for (const line of [
      'Dear Eddie Employee,',
      'Date: 15 January 2027',
      'Time: 10:30',
      'Type: Face to face',
      'Address: Occupational Health Centre, 1 Park Row, Leeds LS1 5AB',
    ]) {
      expect(booked.text).toContain(line);
    }

    await clinician.put(`/api/cases/${id}/actions/${body.action.id}/status`, { status: 'canx' });
    const cancelled = await suite.sys.mail.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Your occupational health appointment has been cancelled',
    );
    for (const line of [
      'Date: 15 January 2027',
      'Time: 10:30',
      'Type: Face to face',
      'Address: Occupational Health Centre',
    ])
      expect(cancelled.text).toContain(line);

    await clinician.post(`/api/cases/${id}/actions/${body.action.id}/rebook`, {
      scheduledAt: '2027-01-22T14:00:00Z',
      appointmentType: 'video',
      videoLink: LINK,
    });
    const moved = await suite.sys.mail.waitFor(
      (m) => m.to.includes(email) && m.subject === 'Your occupational health appointment has changed',
    );
    for (const line of ['Date: 22 January 2027', 'Time: 14:00', 'Type: Video call', `Video call link: ${LINK}`])
      expect(moved.text).toContain(line);

    // Evidence requests, missed and attended appointments are not the employee's emails.
    const evidence = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'evidence',
      scheduledAt: '2027-02-01T09:00:00Z',
    });
    await clinician.put(`/api/cases/${id}/actions/${evidence.body.action.id}/status`, { status: 'canx' });
    const phone = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-02-02T09:00:00Z',
      appointmentType: 'telephone',
    });
    await suite.sys.mail.waitFor((m) => m.to.includes(email) && m.text.includes('Date: 2 February 2027'));
    await clinician.put(`/api/cases/${id}/actions/${phone.body.action.id}/status`, { status: 'dna' });
    await clinician.post(`/api/cases/${id}/close`, { outcome: 'Advice given' });
    await suite.sys.temporal.workflow.getHandle(workflowId.referral(id)).result();

    const mails = toEmployee(email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Your occupational health appointment',
      'Your occupational health appointment has been cancelled',
      'Your occupational health appointment has changed',
      'Your occupational health appointment',
    ]);
    const referral = completeManagementReferral();
    const undisclosed = [
      referral.reasonForReferral!,
      referral.questionsForProvider!,
      referral.employeeJobTitle!,
      'Back pain',
      'Management',
      'referral',
    ];
    for (const m of mails) {
      for (const said of undisclosed) {
        expect(m.text).not.toContain(said);
        expect(m.html).not.toContain(said);
      }
    }
    await recordHistory(suite.sys.temporal, 'referral-appointment-cancelled-closed', workflowId.referral(id));
  });

  it('sends the employee nothing when the referral has no email address for them', async () => {
    const { id, caseNumber, clinician } = await openCase();
    const before = suite.sys.mail.messages().length;
    const { body } = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-03-15T10:30:00Z',
      appointmentType: 'telephone',
    });
    await suite.sys.mail.waitFor((m) => m.subject === `Appointment booked: case ${caseNumber}`);
    // The update answers once its emails are sent, so by now any would have arrived.
    await clinician.put(`/api/cases/${id}/actions/${body.action.id}/status`, { status: 'canx' });
    await clinician.post(`/api/cases/${id}/actions/${body.action.id}/rebook`, {
      scheduledAt: '2027-03-16T10:30:00Z',
      appointmentType: 'telephone',
    });
    // A rebooking reaches the referrer as the appointment changed.
    await suite.sys.mail.waitFor(
      (m) => m.subject === `Appointment changed: case ${caseNumber}` && m.text.includes('16 March 2027'),
    );
    const since = suite.sys.mail.messages().slice(before);
    expect(since.filter((m) => m.subject.startsWith('Your occupational health appointment'))).toEqual([]);
    expect(since.every((m) => m.to.includes(suite.world.referrer.email))).toBe(true);
  });

  it('sends each email once when the activity is retried', async () => {
    const email = employeeAddress();
    const { id, clinician } = await openCase(email);
    const { body } = await clinician.post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-04-15T10:30:00Z',
      appointmentType: 'telephone',
    });
    await suite.sys.mail.waitFor((m) => m.to.includes(email));
    const sent: string[] = [];
    const mailer = { send: async (to: string | string[]) => void sent.push(String(to)), close: () => undefined };
    const activities = createActivities({ db: suite.sys.db, mailer, publicUrl: suite.sys.publicUrl });
    // The key the workflow used is in sent_emails; the same event again sends nothing.
    const { key } = await suite.sys
      .db('sent_emails')
      .where({ template: 'employee-appointment-booked' })
      .whereLike('key', `%${id}%`)
      .first('key');
    const eventKey = key.replace(/:employee$/, '');
    await activities.sendReferralEmail({
      referralId: id,
      template: 'appointment-booked',
      eventKey,
      actionId: body.action.id,
    });
    await activities.sendAppointmentCancelled({ referralId: id, actionId: body.action.id, eventKey: `retry-${id}` });
    await activities.sendAppointmentCancelled({ referralId: id, actionId: body.action.id, eventKey: `retry-${id}` });
    expect(sent).toEqual([email]);
  });
});
