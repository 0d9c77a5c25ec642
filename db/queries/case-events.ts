import type { Knex } from 'knex';
import type { CaseStatus } from '../../domain/statuses.ts';

export type StatusEvent = {
  referralId: string;
  eventKey: string;
  status: CaseStatus;
  actorId: string | null;
  at: Date;
};

/** Appends a status change to a case's history, once per event key; false when the key was already there. */
export async function appendStatusEvent(db: Knex, event: StatusEvent): Promise<boolean> {
  const inserted = await db('case_events')
    .insert({ ...event, type: 'status' })
    .onConflict('eventKey')
    .ignore()
    .returning('id');
  return inserted.length > 0;
}
