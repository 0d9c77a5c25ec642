import { defineQuery } from '@temporalio/workflow';

/**
 * Reassign all: every case, open and closed, of one user to another. The payload is the
 * `reassignments` row's id (who, to whom and the reason are in PostgreSQL) and the batch sizing;
 * a continued run carries its progress so far.
 */
export type ReassignAllInput = {
  reassignmentId: string;
  /** Cases moved per activity, one transaction each. */
  batchSize?: number;
  /** Batches per run before it continues as new, keeping its history short. */
  batchesPerRun?: number;
  /** Carried over by continue-as-new. */
  progress?: ReassignProgress;
};

export type ReassignProgress = { moved: number; total: number; done: boolean };

export const REASSIGN_ALL_WORKFLOW_TYPE = 'reassignAllWorkflow';

export const DEFAULT_REASSIGN_BATCH = { batchSize: 500, batchesPerRun: 50 } as const;

/** How far it has got. */
export const progressQuery = defineQuery<ReassignProgress>('progress');
