import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import { AppError } from '../domain/errors.ts';
import { FINISHED_STATUS, refusalOf, type ReferralStep } from '../domain/referral-transitions.ts';
import type { CaseStatus } from '../domain/statuses.ts';
import { SA, workflowId } from '../temporal.config.ts';
import {
  INVALID_STATE,
  REFERRAL_WORKFLOW_TYPE,
  submitUpdate,
  type ReferralState,
  type ReferralWorkflowInput,
} from '../workflows/referral.messages.ts';
import { ACCOUNT_EMAIL_WORKFLOW_TYPE, linkUsedSignal, type AccountEmailInput, type AccountLinkPurpose } from '../workflows/account-email.messages.ts';
import type { AppDeps } from './context.ts';

/**
 * The API's one edge to Temporal: every workflow the API starts, signals or
 * updates goes through here, with ids built by temporal.config.ts. For a
 * referral, each step reaches its workflow like this: A step the referral's state does not allow is refused
 * before anything is written, in the words domain/referral-transitions.ts gives;
 * a refusal by the workflow, or a run that has already finished, becomes the
 * same 409, never a 500.
 */

type StartInput = Omit<ReferralWorkflowInput, 'durations'>;

function startOptions(deps: AppDeps, input: StartInput) {
  const { settings } = deps;
  return {
    workflowId: workflowId.referral(input.referralId),
    taskQueue: settings.taskQueue,
    args: [{ ...input, ...(settings.durations ? { durations: settings.durations } : {}) }] as [ReferralWorkflowInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    // A referral has one run: once it has finished, nothing may start it again.
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    typedSearchAttributes: [
      { key: SA.CaseStatus, value: 'draft' },
      { key: SA.ReferralType, value: input.formKey },
      { key: SA.OrganisationCode, value: input.organisationCode },
    ],
  };
}

/** The first save: the workflow that owns the referral from now on. */
export async function startReferralWorkflow(deps: AppDeps, input: StartInput): Promise<void> {
  await deps.temporal.workflow.start(REFERRAL_WORKFLOW_TYPE, startOptions(deps, input));
}

/** The refusal a workflow error stands for, or undefined when it is not one. */
function asRefusal(error: unknown, step: ReferralStep): AppError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === INVALID_STATE) {
    return new AppError('INVALID_STATE', error.cause.message);
  }
  // The run has ended (the case is closed), so nothing can reach it any more.
  if (error instanceof WorkflowNotFoundError || error instanceof WorkflowExecutionAlreadyStartedError) {
    return new AppError('INVALID_STATE', refusalOf(step, FINISHED_STATUS) ?? 'This case is closed and can no longer change.');
  }
  return undefined;
}

function refuseIfNotAllowed(step: ReferralStep, status: CaseStatus): void {
  const refusal = refusalOf(step, status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
}

/** What a step writes before the workflow hears of it (free text, files), and how to take it back. */
export type StepRecord = { store: () => PromiseLike<unknown>; undo: () => PromiseLike<unknown> };

/**
 * One step of a referral: checked against its state, its records stored, the
 * workflow told through an Update; if the workflow refuses, the records are
 * taken back so nothing partial remains.
 */
export async function runReferralStep<Ret, Arg>(
  deps: AppDeps,
  referral: { id: string; status: CaseStatus },
  step: ReferralStep,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  record?: StepRecord,
): Promise<Ret> {
  refuseIfNotAllowed(step, referral.status);
  await record?.store();
  try {
    return await deps.temporal.workflow.getHandle(workflowId.referral(referral.id)).executeUpdate(update, { args: [arg] });
  } catch (error) {
    await record?.undo();
    throw asRefusal(error, step) ?? error;
  }
}

/** Tells the workflow something it need not answer (a saved draft, an employee's reply); `refusal` if its run has ended. */
export async function signalReferral<Arg>(deps: AppDeps, referralId: string, signal: SignalDefinition<[Arg]>, arg: Arg, refusal: string) {
  try {
    await deps.temporal.workflow.getHandle(workflowId.referral(referralId)).signal(signal, arg);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new AppError('INVALID_STATE', refusal);
    throw error;
  }
}

/**
 * Submits a draft. Idempotent: submitting twice reaches the one workflow, which
 * answers the second call with the first one's result; if the run is somehow
 * missing, update-with-start creates it.
 */
export async function submitToWorkflow(deps: AppDeps, referral: StartInput & { status: CaseStatus }, actorId: string): Promise<ReferralState> {
  refuseIfNotAllowed('submit', referral.status);
  const { status: _status, ...input } = referral;
  try {
    return await deps.temporal.workflow.executeUpdateWithStart(submitUpdate, {
      args: [{ actorId }],
      startWorkflowOperation: new WithStartWorkflowOperation(REFERRAL_WORKFLOW_TYPE, startOptions(deps, input)),
    });
  } catch (error) {
    throw asRefusal(error, 'submit') ?? error;
  }
}

/** Emails about an account (activation, reset or invitation link, username reminder), each in a short workflow. */
export async function startAccountEmail(
  deps: Pick<AppDeps, 'temporal'> & { settings: Pick<AppDeps['settings'], 'taskQueue'> },
  input: AccountEmailInput,
): Promise<void> {
  const id = input.kind === 'link' ? workflowId.accountLink(input.purpose, input.tokenId) : workflowId.usernameReminder(input.requestId);
  await deps.temporal.workflow.start(ACCOUNT_EMAIL_WORKFLOW_TYPE, {
    workflowId: id,
    taskQueue: deps.settings.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/** The link was used, so its workflow can end before its timer. Best effort: were it lost, the timer only invalidates a used link. */
export function signalAccountLinkUsed(deps: AppDeps, purpose: AccountLinkPurpose, tokenId: string): void {
  void deps.temporal.workflow.getHandle(workflowId.accountLink(purpose, tokenId)).signal(linkUsedSignal).catch(() => undefined);
}
