import {
  isGrpcServiceError,
  ServiceError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, type SignalDefinition, type UpdateDefinition } from '@temporalio/common';
import { AppError, ServiceUnavailableError } from '../domain/errors.ts';
import { FINISHED_STATUS, refusalOf, type ReferralStep } from '../domain/referral-transitions.ts';
import type { CaseStatus } from '../domain/statuses.ts';
import { DeadlineError, withDeadline } from '../services/probes.ts';
import { SA, workflowId } from '../temporal.config.ts';
import {
  INVALID_STATE,
  REFERRAL_WORKFLOW_TYPE,
  submitUpdate,
  type ReferralState,
  type ReferralWorkflowInput,
} from '../workflows/referral.messages.ts';
import {
  ACCOUNT_EMAIL_WORKFLOW_TYPE,
  linkUsedSignal,
  type AccountEmailInput,
  type AccountLinkPurpose,
} from '../workflows/account-email.messages.ts';
import type { QuestionnaireStatus } from '../domain/questionnaire-statuses.ts';
import {
  QUESTIONNAIRE_FINISHED_STATUS,
  type QuestionnaireStep,
  questionnaireRefusalOf,
} from '../domain/questionnaire-transitions.ts';
import {
  QUESTIONNAIRE_INVALID_STATE,
  QUESTIONNAIRE_WORKFLOW_TYPE,
  type QuestionnaireWorkflowInput,
} from '../workflows/questionnaire.messages.ts';
import { CASE_NOTE_EMAIL_WORKFLOW_TYPE, type CaseNoteEmailInput } from '../workflows/case-note.messages.ts';
import { MI_PACK_WORKFLOW_TYPE, type MiPackInput } from '../workflows/mi-pack.messages.ts';
import {
  progressQuery,
  REASSIGN_ALL_WORKFLOW_TYPE,
  type ReassignAllInput,
  type ReassignProgress,
} from '../workflows/reassign.messages.ts';
import type { AppDeps } from './context.ts';

/**
 * The API's one edge to Temporal: every workflow the API starts, signals or
 * updates goes through here, with ids built by temporal.config.ts. For a
 * referral, each step reaches its workflow like this: A step the referral's state does not allow is refused
 * before anything is written, in the words domain/referral-transitions.ts gives;
 * a refusal by the workflow, or a run that has already finished, becomes the
 * same 409, never a 500.
 *
 * Every call has a deadline, and a Temporal that is down, unreachable or too slow becomes a 503 the
 * person can retry, within that deadline: never a request hanging on the SDK's own retries (about 20 s).
 */

/** A start or a signal: one round trip to the frontend, normally milliseconds. */
const CALL_DEADLINE_MS = 5_000;
/**
 * An Update answers once its workflow has done the step, database writes and emails included, and
 * waits for a worker if none is polling (one restarting); past this the person is told to try again.
 */
const UPDATE_DEADLINE_MS = 30_000;

/** gRPC statuses of a frontend that cannot be reached, did not answer in time, or is overloaded. */
const UNAVAILABLE_STATUSES = new Set([
  1, // CANCELLED: the call was cut at our deadline
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE: connection refused or lost
]);

function isTemporalUnavailable(error: unknown): boolean {
  if (error instanceof DeadlineError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && UNAVAILABLE_STATUSES.has(grpc.code);
}

/**
 * `call` with a deadline on every gRPC request it makes (which also ends the SDK's retries), raced
 * against the same deadline in case a retry is still sleeping; an outage becomes a 503.
 */
async function bounded<T>(deps: Pick<AppDeps, 'temporal'>, ms: number, call: () => Promise<T>): Promise<T> {
  const { connection } = deps.temporal;
  try {
    return await withDeadline(connection.withDeadline(Date.now() + ms, call), ms + 500);
  } catch (error) {
    if (isTemporalUnavailable(error)) throw new ServiceUnavailableError('temporal', error);
    throw error;
  }
}

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
  const options = startOptions(deps, input);
  await bounded(deps, CALL_DEADLINE_MS, () => deps.temporal.workflow.start(REFERRAL_WORKFLOW_TYPE, options));
}

/** The refusal a workflow error stands for, or undefined when it is not one. */
function asRefusal(error: unknown, step: ReferralStep): AppError | undefined {
  if (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === INVALID_STATE
  ) {
    return new AppError('INVALID_STATE', error.cause.message);
  }
  // The run has ended (the case is closed), so nothing can reach it any more.
  if (error instanceof WorkflowNotFoundError || error instanceof WorkflowExecutionAlreadyStartedError) {
    return new AppError(
      'INVALID_STATE',
      refusalOf(step, FINISHED_STATUS) ?? 'This case is closed and can no longer change.',
    );
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
 * taken back so nothing partial remains. If Temporal is unavailable (a 503) they
 * stay: the Update may still reach the workflow, which then needs them, and
 * trying again stores them again.
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
  const handle = deps.temporal.workflow.getHandle(workflowId.referral(referral.id));
  try {
    return await bounded(deps, UPDATE_DEADLINE_MS, () => handle.executeUpdate(update, { args: [arg] }));
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    await record?.undo();
    throw asRefusal(error, step) ?? error;
  }
}

/** Tells the workflow something it need not answer (a saved draft, an employee's reply); `refusal` if its run has ended. */
export async function signalReferral<Arg>(
  deps: AppDeps,
  referralId: string,
  signal: SignalDefinition<[Arg]>,
  arg: Arg,
  refusal: string,
) {
  const handle = deps.temporal.workflow.getHandle(workflowId.referral(referralId));
  try {
    await bounded(deps, CALL_DEADLINE_MS, () => handle.signal(signal, arg));
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
export async function submitToWorkflow(
  deps: AppDeps,
  referral: StartInput & { status: CaseStatus },
  actorId: string,
): Promise<ReferralState> {
  refuseIfNotAllowed('submit', referral.status);
  const { status: _status, ...input } = referral;
  try {
    return await bounded(deps, UPDATE_DEADLINE_MS, () =>
      deps.temporal.workflow.executeUpdateWithStart(submitUpdate, {
        args: [{ actorId }],
        startWorkflowOperation: new WithStartWorkflowOperation(REFERRAL_WORKFLOW_TYPE, startOptions(deps, input)),
      }),
    );
  } catch (error) {
    throw asRefusal(error, 'submit') ?? error;
  }
}

/** Emails about an account (activation, reset or invitation link, username reminder, notices), each in a short workflow. */
export async function startAccountEmail(
  deps: Pick<AppDeps, 'temporal'> & { settings: Pick<AppDeps['settings'], 'taskQueue'> },
  input: AccountEmailInput,
): Promise<void> {
  const id =
    input.kind === 'link'
      ? workflowId.accountLink(input.purpose, input.tokenId)
      : input.kind === 'username-reminder'
        ? workflowId.usernameReminder(input.requestId)
        : workflowId.accountNotice(input.kind === 'email-changed' ? input.changeId : input.requestId);
  await bounded(deps, CALL_DEADLINE_MS, () =>
    deps.temporal.workflow.start(ACCOUNT_EMAIL_WORKFLOW_TYPE, {
      workflowId: id,
      taskQueue: deps.settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
}

/** The link was used, so its workflow can end before its timer. Best effort: were it lost, the timer only invalidates a used link. */
export function signalAccountLinkUsed(deps: AppDeps, purpose: AccountLinkPurpose, tokenId: string): void {
  const handle = deps.temporal.workflow.getHandle(workflowId.accountLink(purpose, tokenId));
  void bounded(deps, CALL_DEADLINE_MS, () => handle.signal(linkUsedSignal)).catch(() => undefined);
}

/** A new questionnaire's run: it emails the employee their link, then reminds, expires or waits for review. */
export async function startQuestionnaireWorkflow(
  deps: AppDeps,
  input: Omit<QuestionnaireWorkflowInput, 'durations'>,
): Promise<void> {
  const { settings } = deps;
  await bounded(deps, CALL_DEADLINE_MS, () =>
    deps.temporal.workflow.start(QUESTIONNAIRE_WORKFLOW_TYPE, {
      workflowId: workflowId.questionnaire(input.questionnaireId),
      taskQueue: settings.taskQueue,
      args: [{ ...input, ...(settings.durations ? { durations: settings.durations } : {}) }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA.CaseStatus, value: 'awaiting_employee' },
        { key: SA.QuestionnaireType, value: input.typeKey },
        { key: SA.OrganisationCode, value: input.organisationCode },
      ],
    }),
  );
}

/**
 * One step of a questionnaire, as runReferralStep is for referrals: checked against its state in the
 * words domain/questionnaire-transitions.ts gives, its records stored, the workflow told; a refusal by
 * the workflow, or a run that has finished, is a 409 and the records are taken back.
 */
export async function runQuestionnaireStep<Ret, Arg>(
  deps: AppDeps,
  questionnaire: { id: string; status: QuestionnaireStatus },
  step: QuestionnaireStep,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  record?: StepRecord,
): Promise<Ret> {
  const refusal = questionnaireRefusalOf(step, questionnaire.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
  await record?.store();
  const handle = deps.temporal.workflow.getHandle(workflowId.questionnaire(questionnaire.id));
  try {
    return await bounded(deps, UPDATE_DEADLINE_MS, () => handle.executeUpdate(update, { args: [arg] }));
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    await record?.undo();
    if (
      error instanceof WorkflowUpdateFailedError &&
      error.cause instanceof ApplicationFailure &&
      error.cause.type === QUESTIONNAIRE_INVALID_STATE
    ) {
      throw new AppError('INVALID_STATE', error.cause.message);
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new AppError(
        'INVALID_STATE',
        questionnaireRefusalOf(step, QUESTIONNAIRE_FINISHED_STATUS) ?? 'This questionnaire can no longer change.',
      );
    }
    throw error;
  }
}
/** The email saying a note was added to a case, in a short workflow of its own (the case's run may have ended). */
export async function startCaseNoteEmail(deps: AppDeps, input: CaseNoteEmailInput): Promise<void> {
  await bounded(deps, CALL_DEADLINE_MS, () =>
    deps.temporal.workflow.start(CASE_NOTE_EMAIL_WORKFLOW_TYPE, {
      workflowId: workflowId.caseNoteEmail(input.noteId),
      taskQueue: deps.settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
}

/**
 * A provider admin's run of one organisation's MI pack for one month. A run of the same pack still going
 * is joined, not doubled; a finished one may run again (it replaces the stored pack). Answers the run's id.
 */
export async function startMiPack(deps: AppDeps, input: Required<MiPackInput>): Promise<string> {
  const id = workflowId.miPack(input.organisationId, input.month);
  await bounded(deps, CALL_DEADLINE_MS, () =>
    deps.temporal.workflow.start(MI_PACK_WORKFLOW_TYPE, {
      workflowId: id,
      taskQueue: deps.settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
  return id;
}

/** Reassign all of one user's cases: one run per `reassignments` row, so starting twice starts it once. */
export async function startReassignAll(deps: AppDeps, input: ReassignAllInput): Promise<void> {
  await bounded(deps, CALL_DEADLINE_MS, () =>
    deps.temporal.workflow.start(REASSIGN_ALL_WORKFLOW_TYPE, {
      workflowId: workflowId.reassign(input.reassignmentId),
      taskQueue: deps.settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
}

/** A running reassign-all's progress, or undefined when its run cannot answer (finished and gone). */
export async function queryReassignProgress(
  deps: AppDeps,
  reassignmentId: string,
): Promise<ReassignProgress | undefined> {
  const handle = deps.temporal.workflow.getHandle(workflowId.reassign(reassignmentId));
  try {
    return await bounded(deps, CALL_DEADLINE_MS, () => handle.query(progressQuery));
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
