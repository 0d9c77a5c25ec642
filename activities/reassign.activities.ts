import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { countReassignable, finishReassignment, moveReassignBatch } from '../db/queries/reassignments.ts';
import { auditLog } from '../services/audit.ts';

export type ReassignActivityDeps = { db: Knex };

/**
 * Heartbeats while `work` runs (a batch can wait on a row another transaction holds), so a worker
 * that dies mid-batch is noticed within the heartbeat timeout, not the whole start-to-close timeout.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context | undefined;
  try {
    context = Context.current();
  } catch {
    // Called outside a worker (a test calling the activity directly): nothing to heartbeat to.
  }
  const beat = context ? setInterval(() => context.heartbeat(), 1000) : undefined;
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}

/** The reassign-all workflow's writes: each batch in one transaction with its audit entry. */
export function reassignActivities({ db }: ReassignActivityDeps) {
  return {
    async countReassignable({ reassignmentId }: { reassignmentId: string }): Promise<number> {
      return countReassignable(db, reassignmentId);
    },

    /** Moves the next batch; `moved` and `total` are the reassignment's running figures, `movedNow` this batch's. */
    async moveReassignBatch({
      reassignmentId,
      batchSize,
    }: {
      reassignmentId: string;
      batchSize: number;
    }): Promise<{ movedNow: number; moved: number; total: number }> {
      return heartbeating(() =>
        db.transaction(async (trx) => {
          const result = await moveReassignBatch(trx, reassignmentId, batchSize);
          if (!result) {
            throw ApplicationFailure.nonRetryable(
              `Reassignment ${reassignmentId} does not exist`,
              'ReassignmentMissing',
            );
          }
          const { ids, moved, total, reassignment: r } = result;
          if (ids.length) {
            await auditLog(trx, { actorId: r.actorId, organisationId: r.organisationId })(
              'cases.reassigned',
              { user: r.fromUserId },
              { reassignment: reassignmentId, to: r.toUserId, count: ids.length },
            );
          }
          return { movedNow: ids.length, moved, total };
        }),
      );
    },

    async finishReassignment({ reassignmentId }: { reassignmentId: string }): Promise<void> {
      await finishReassignment(db, reassignmentId);
    },
  };
}
