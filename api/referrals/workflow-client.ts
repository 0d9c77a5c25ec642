import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { AppError } from '../../domain/errors.ts';
import { INVALID_STATE } from '../../workflows/referral.messages.ts';
import { workflowId } from '../../temporal.config.ts';

/**
 * Runs an Update on a referral's workflow. A refusal by the workflow (an action
 * that is not valid in its current state) becomes a 409 with the workflow's reason.
 */
export async function updateReferral<Ret, Arg>(client: Client, referralId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  try {
    return await client.workflow.getHandle(workflowId.referral(referralId)).executeUpdate(update, { args: [arg] });
  } catch (error) {
    throw asInvalidState(error) ?? error;
  }
}

export function asInvalidState(error: unknown): AppError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === INVALID_STATE) {
    return new AppError('INVALID_STATE', error.cause.message);
  }
  return undefined;
}
