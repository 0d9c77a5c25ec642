/**
 * Reassign all of one user's cases to another, a batch per activity. Each batch commits the owners,
 * their history entries and the running count together, so a retried or re-run batch finds its cases
 * already moved: nothing moves twice and nothing is lost. After `batchesPerRun` batches the run
 * continues as new, so a user with very many cases never makes a long history.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { DATABASE_WRITE } from './activity-options.ts';
import { DEFAULT_REASSIGN_BATCH, progressQuery, type ReassignAllInput } from './reassign.messages.ts';

type Activities = ReturnType<typeof createActivities>;
const acts = wf.proxyActivities<Activities>(DATABASE_WRITE);
// A batch of a few hundred rows updates and inserts in one transaction, and may wait on a row another
// transaction holds; it heartbeats, so a worker dying mid-batch is noticed in seconds.
const batches = wf.proxyActivities<Activities>({
  ...DATABASE_WRITE,
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
});

export async function reassignAllWorkflow(input: ReassignAllInput): Promise<{ moved: number; total: number }> {
  const { reassignmentId } = input;
  const batchSize = input.batchSize ?? DEFAULT_REASSIGN_BATCH.batchSize;
  const batchesPerRun = input.batchesPerRun ?? DEFAULT_REASSIGN_BATCH.batchesPerRun;
  const progress = input.progress ?? { moved: 0, total: 0, done: false };
  wf.setHandler(progressQuery, () => progress);
  if (!input.progress) progress.total = await acts.countReassignable({ reassignmentId });
  for (let batch = 0; batch < batchesPerRun; batch++) {
    const result = await batches.moveReassignBatch({ reassignmentId, batchSize });
    progress.moved = result.moved;
    progress.total = result.total;
    if (result.movedNow === 0) {
      await acts.finishReassignment({ reassignmentId });
      progress.done = true;
      return { moved: progress.moved, total: progress.total };
    }
  }
  return wf.continueAsNew<typeof reassignAllWorkflow>({ ...input, progress });
}
