import type { ActivityOptions } from '@temporalio/workflow';

/*
 * Each activity's start-to-close timeout is sized to its real work, because it is also how long a
 * completion lost in a Temporal or network outage goes unnoticed before the attempt is retried.
 * Activities are idempotent, so a retry of one that did finish is harmless.
 */
const retry = { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 } as const;

/** A few statements in one transaction. */
export const DATABASE_WRITE: ActivityOptions = { startToCloseTimeout: '10 seconds', retry };

/** An SMTP exchange per recipient (connect, TLS, DATA) besides the database bookkeeping. */
export const EMAIL: ActivityOptions = { startToCloseTimeout: '30 seconds', retry };
