import { CompleteAsyncError } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { describeError, summarizeError } from '../services/describe-error.ts';

/**
 * An activity's failure is logged by the SDK and stored, message and stack, in the workflow's history
 * (shown in the Web UI). A driver error's message holds statement parameters and row contents, so any
 * error that is not already one of our ApplicationFailures leaves the activity as one built from
 * describeError: "Database error 23514 on table referrals (constraint x)", type = the code. Such errors
 * were retryable before and stay so.
 */
export const safeActivityFailures: ActivityInterceptorsFactory = () => ({
  inbound: {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (error) {
        throw safeFailure(error);
      }
    },
  },
});

export function safeFailure(error: unknown): unknown {
  // The SDK's own signals for cancellation and async completion must reach it as they are.
  if (error instanceof CancelledFailure || error instanceof CompleteAsyncError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  if (error instanceof ApplicationFailure) {
    // Ours carry written messages; a cause attached to one is stored too, so it is made safe as well.
    const cause = error.cause === undefined ? undefined : safeFailure(error.cause);
    if (cause === error.cause) return error;
    const failure = ApplicationFailure.create({
      message: error.message,
      ...(error.type ? { type: error.type } : {}),
      nonRetryable: error.nonRetryable === true,
      ...(error.details ? { details: [...error.details] } : {}),
      ...(error.nextRetryDelay !== undefined ? { nextRetryDelay: error.nextRetryDelay } : {}),
      ...(error.category ? { category: error.category } : {}),
      cause: cause as Error,
    });
    failure.stack = error.stack;
    return failure;
  }
  const description = describeError(error);
  const message = summarizeError(description);
  const type = description.code ?? description.name;
  const failure = ApplicationFailure.create({ message, type, nonRetryable: false });
  // The original frames help find the failing code; its message lines are gone.
  const frames = (description.stack ?? []).map((frame) => `    ${frame}`);
  failure.stack = [`ApplicationFailure: ${message}`, ...frames].join('\n');
  return failure;
}
