import type { Knex } from 'knex';

/** Statuses only the author sees (drafts, referrals sent back): they are not cases yet, so they stay put. */
const NOT_CASES = ['draft', 'rejected'];

export type Reassignment = {
  id: string;
  organisationId: string;
  fromUserId: string;
  toUserId: string;
  actorId: string;
  scope: 'case' | 'all';
  referralId: string | null;
  reason: string;
  total: number | null;
  moved: number;
  createdAt: Date;
  finishedAt: Date | null;
};

type NewReassignment = Pick<Reassignment, 'organisationId' | 'fromUserId' | 'toUserId' | 'actorId' | 'reason'>;

/** Records a reassignment of all of one user's cases, before its workflow starts; returns its id. */
export async function createReassignAll(db: Knex, row: NewReassignment): Promise<string> {
  const [inserted] = await db('reassignments')
    .insert({ ...row, scope: 'all' })
    .returning('id');
  return inserted.id;
}

/**
 * Takes back a reassign-all whose run could not be started: false when a run has already moved some of
 * its cases (it did start after all), which waits for a batch holding the row, so it never races one.
 */
export async function withdrawReassignAll(db: Knex, reassignmentId: string): Promise<boolean> {
  return (await db('reassignments').where({ id: reassignmentId, scope: 'all', moved: 0 }).delete()) > 0;
}

/**
 * Gives one case a new owner, with its history entry, inside the caller's transaction: false when the
 * case no longer belongs to `fromUserId` (someone reassigned it meanwhile).
 */
export async function reassignCase(
  trx: Knex,
  row: NewReassignment & { referralId: string },
): Promise<{ reassignmentId: string } | undefined> {
  const moved = await trx('referrals')
    .where({ id: row.referralId, ownerId: row.fromUserId })
    .update({ ownerId: row.toUserId, updatedAt: trx.fn.now() });
  if (!moved) return undefined;
  const [inserted] = await trx('reassignments')
    .insert({ ...row, scope: 'case', total: 1, moved: 1, finishedAt: trx.fn.now() })
    .returning('id');
  await trx('case_events').insert({
    referralId: row.referralId,
    eventKey: `reassign:${inserted.id}:${row.referralId}`,
    type: 'reassigned',
    actorId: row.actorId,
    reassignmentId: inserted.id,
  });
  return { reassignmentId: inserted.id };
}

/** How many cases a reassign-all has to move now (its total, set once). */
export async function countReassignable(db: Knex, reassignmentId: string): Promise<number> {
  const r = await db('reassignments').where({ id: reassignmentId }).first('organisationId', 'fromUserId', 'total');
  if (!r) return 0;
  if (r.total !== null) return r.total;
  const [row] = await db('referrals')
    .where({ organisationId: r.organisationId, ownerId: r.fromUserId })
    .whereNotIn('status', NOT_CASES)
    .count({ n: '*' });
  const total = Number(row?.n ?? 0);
  await db('reassignments').where({ id: reassignmentId }).whereNull('total').update({ total });
  return total;
}

/**
 * Moves the next batch (lowest ids first) of the reassignment's cases, inside the caller's transaction:
 * each one's owner, its history entry, and the running count, so a retry finds them moved and never
 * moves or counts a case twice. A row another transaction holds is waited for, never skipped, so the
 * batch that finds nothing left means nothing is left.
 */
export async function moveReassignBatch(
  trx: Knex,
  reassignmentId: string,
  batchSize: number,
): Promise<{ ids: string[]; moved: number; total: number; reassignment: Reassignment } | undefined> {
  const r: Reassignment | undefined = await trx('reassignments').where({ id: reassignmentId }).forUpdate().first();
  if (!r) return undefined;
  const next = trx('referrals')
    .where({ organisationId: r.organisationId, ownerId: r.fromUserId })
    .whereNotIn('status', NOT_CASES)
    .orderBy('id')
    .limit(batchSize)
    .forUpdate()
    .select('id');
  const rows: { id: string }[] = await trx('referrals')
    .whereIn('id', next)
    .where({ ownerId: r.fromUserId })
    .update({ ownerId: r.toUserId, updatedAt: trx.fn.now() })
    .returning('id');
  const ids = rows.map((row) => row.id);
  if (ids.length) {
    await trx('case_events')
      .insert(
        ids.map((referralId) => ({
          referralId,
          eventKey: `reassign:${reassignmentId}:${referralId}`,
          type: 'reassigned',
          actorId: r.actorId,
          reassignmentId,
        })),
      )
      .onConflict('eventKey')
      .ignore();
  }
  const moved = r.moved + ids.length;
  const total = Math.max(r.total ?? 0, moved);
  await trx('reassignments').where({ id: reassignmentId }).update({ moved, total });
  return { ids, moved, total, reassignment: r };
}

export async function finishReassignment(db: Knex, reassignmentId: string): Promise<void> {
  await db('reassignments').where({ id: reassignmentId }).whereNull('finishedAt').update({ finishedAt: db.fn.now() });
}

export type ReassignmentEntry = { at: Date; by: string; from: string; to: string; reason: string };

/** A case's reassignments, oldest first, with who did each, from whom, to whom and why. */
export async function listCaseReassignments(db: Knex, referralId: string): Promise<ReassignmentEntry[]> {
  const rows: { at: Date; reason: string; byName: string; fromName: string; toName: string }[] = await db(
    'case_events as e',
  )
    .join('reassignments as r', 'r.id', 'e.reassignmentId')
    .join('users as a', 'a.id', 'r.actorId')
    .join('users as f', 'f.id', 'r.fromUserId')
    .join('users as t', 't.id', 'r.toUserId')
    .where({ 'e.referralId': referralId, 'e.type': 'reassigned' })
    .orderBy(['e.at', 'e.id'])
    .select(
      'e.at',
      'r.reason',
      db.raw("a.first_name || ' ' || a.surname as by_name"),
      db.raw("f.first_name || ' ' || f.surname as from_name"),
      db.raw("t.first_name || ' ' || t.surname as to_name"),
    );
  return rows.map((r) => ({ at: r.at, reason: r.reason, by: r.byName, from: r.fromName, to: r.toName }));
}

/** A reassignment with the two users' names, for its progress page. */
export async function findReassignmentWithNames(
  db: Knex,
  id: string,
): Promise<(Reassignment & { fromName: string; toName: string }) | undefined> {
  return db('reassignments as r')
    .join('users as f', 'f.id', 'r.fromUserId')
    .join('users as t', 't.id', 'r.toUserId')
    .where('r.id', id)
    .first(
      'r.*',
      db.raw("f.first_name || ' ' || f.surname as from_name"),
      db.raw("t.first_name || ' ' || t.surname as to_name"),
    );
}

/** Disables an account (a leaver): it can no longer sign in. */
export async function disableUser(db: Knex, userId: string): Promise<void> {
  await db('users').where({ id: userId }).update({ status: 'disabled', updatedAt: db.fn.now() });
}
