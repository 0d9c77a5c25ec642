import type { ConnectionLike } from '@temporalio/client';
import type { Knex } from 'knex';
import { pingDatabase } from '../db/queries/ping.ts';

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** `work`, or a DeadlineError once `ms` have passed (the work itself is left to finish or fail unobserved). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** One round trip to PostgreSQL, bounded. */
export async function probeDatabase(db: Knex, ms: number): Promise<void> {
  await withDeadline(pingDatabase(db), ms);
}

/** One round trip to the Temporal frontend, bounded (GetSystemInfo: allowed to any client, reads nothing of ours). */
export async function probeTemporal(connection: ConnectionLike, ms: number): Promise<void> {
  const call = connection.withDeadline(Date.now() + ms, () => connection.workflowService.getSystemInfo({}));
  await withDeadline(call, ms);
}
