import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiSuite } from '../helpers/api-suite.ts';
import { insertAdviceLetter } from '../helpers/fixtures.ts';

/**
 * Live MI reads each case's first appointment, first advice letter and appointment counts from the
 * referral; triggers on case_actions and advice_letters keep them whichever path writes those tables.
 * The definitions (domain/mi.ts): the first appointment is the earliest not cancelled (a missed one was
 * still offered; a rebooked one keeps the first date); attendance counts appointments with an outcome.
 */
const suite = apiSuite();
const at = (iso: string) => new Date(iso);

async function newCase(): Promise<string> {
  const { db } = suite.sys;
  const w = suite.world;
  const id = randomUUID();
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  await db('referrals').insert({
    id,
    organisationId: w.client.id,
    formTypeId: form.id,
    authorId: w.referrer.id,
    ownerId: w.referrer.id,
    status: 'accepted',
    submittedAt: at('2026-06-01T09:00:00Z'),
    acceptedAt: at('2026-06-02T09:00:00Z'),
  });
  return id;
}

const milestonesOf = (id: string) =>
  suite.sys
    .db('referrals')
    .where({ id })
    .first(
      'first_appointment_at',
      'advice_letter_at',
      'appointments_decided',
      'appointments_dna',
      'appointments_cancelled',
    );

async function appointment(referralId: string, scheduledAt: string, status: string, rebookedFromId?: string) {
  const id = randomUUID();
  await suite.sys.db('case_actions').insert({
    id,
    referralId,
    kind: 'appointment',
    scheduledAt: at(scheduledAt),
    status,
    rebookedFromId: rebookedFromId ?? null,
  });
  return id;
}

describe('milestones kept on the referral', () => {
  it('keeps the first appointment date through a missed appointment rebooked later', async () => {
    const id = await newCase();
    expect(await milestonesOf(id)).toMatchObject({ firstAppointmentAt: null, appointmentsDecided: 0 });

    const first = await appointment(id, '2026-06-08T09:00:00Z', 'open');
    expect((await milestonesOf(id)).firstAppointmentAt).toEqual(at('2026-06-08T09:00:00Z'));
    // Missed, then rebooked for a later date: the missed one was still offered, so it stays the first.
    await suite.sys.db('case_actions').where({ id: first }).update({ status: 'dna' });
    await appointment(id, '2026-06-15T09:00:00Z', 'closed', first);
    expect(await milestonesOf(id)).toMatchObject({
      firstAppointmentAt: at('2026-06-08T09:00:00Z'),
      appointmentsDecided: 2,
      appointmentsDna: 1,
      appointmentsCancelled: 0,
    });
  });

  it('moves the first appointment to the rebooked date when the first is cancelled, and back when removed', async () => {
    const id = await newCase();
    const first = await appointment(id, '2026-06-05T09:00:00Z', 'open');
    await suite.sys.db('case_actions').where({ id: first }).update({ status: 'canx' });
    const second = await appointment(id, '2026-06-12T09:00:00Z', 'open', first);
    expect(await milestonesOf(id)).toMatchObject({
      firstAppointmentAt: at('2026-06-12T09:00:00Z'),
      appointmentsDecided: 1,
      appointmentsCancelled: 1,
    });
    // Moved to another day: the first follows it.
    await suite.sys
      .db('case_actions')
      .where({ id: second })
      .update({ scheduledAt: at('2026-06-10T09:00:00Z') });
    expect((await milestonesOf(id)).firstAppointmentAt).toEqual(at('2026-06-10T09:00:00Z'));
    await suite.sys.db('case_actions').where({ id: second }).delete();
    expect(await milestonesOf(id)).toMatchObject({ firstAppointmentAt: null, appointmentsCancelled: 1 });
  });

  it('takes the first advice letter issued, and forgets a removed one', async () => {
    const { db } = suite.sys;
    const id = await newCase();
    const letter = (issuedAt: string) => insertAdviceLetter(db, id, at(issuedAt));
    const later = await letter('2026-06-20T09:00:00Z');
    const earlier = await letter('2026-06-18T09:00:00Z');
    expect((await milestonesOf(id)).adviceLetterAt).toEqual(at('2026-06-18T09:00:00Z'));
    await db('advice_letters').where({ id: earlier }).delete();
    expect((await milestonesOf(id)).adviceLetterAt).toEqual(at('2026-06-20T09:00:00Z'));
    await db('advice_letters').where({ id: later }).delete();
    expect((await milestonesOf(id)).adviceLetterAt).toBeNull();
  });
});
