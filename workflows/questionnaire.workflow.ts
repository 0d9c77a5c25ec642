/**
 * One health questionnaire, from the request to its outcome, referral on, or expiry. This file
 * holds the process only (status, links sent, reminder and expiry timers); every record lives in
 * PostgreSQL and is written by activities.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import {
  QUESTIONNAIRE_STATUSES,
  type QuestionnaireOutcome,
  type QuestionnaireStatus,
} from '../domain/questionnaire-statuses.ts';
import { questionnaireRefusalOf, type QuestionnaireStep } from '../domain/questionnaire-transitions.ts';
import { DEFAULT_DURATIONS_MS, SA } from '../temporal.config.ts';
import { DATABASE_WRITE, EMAIL } from './activity-options.ts';
import {
  acceptUpdate,
  actionEventUpdate,
  QUESTIONNAIRE_INVALID_STATE,
  type QuestionnaireActionEvent,
  type QuestionnaireState,
  type QuestionnaireWorkflowInput,
  questionnaireStateQuery,
  referUpdate,
  requireAppointmentUpdate,
  resendUpdate,
  returnUpdate,
  sendCodeUpdate,
  submitUpdate,
} from './questionnaire.messages.ts';

type Activities = ReturnType<typeof createActivities>;
const acts = wf.proxyActivities<Activities>(DATABASE_WRITE);
const mail = wf.proxyActivities<Activities>(EMAIL);

function invalid(message: string): never {
  throw wf.ApplicationFailure.create({ type: QUESTIONNAIRE_INVALID_STATE, message, nonRetryable: true });
}

const isPending = (s: QuestionnaireStatus) => QUESTIONNAIRE_STATUSES[s].tab === 'pending';

export async function questionnaireWorkflow(input: QuestionnaireWorkflowInput): Promise<QuestionnaireState> {
  const durations = { ...DEFAULT_DURATIONS_MS, ...input.durations };
  const workflowId = wf.workflowInfo().workflowId;
  const { questionnaireId } = input;
  const state: QuestionnaireState = { status: 'awaiting_employee', links: 0 };
  let eventSeq = 0;
  // Updates run one at a time, so a transition never interleaves with another.
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  }
  function guard(step: QuestionnaireStep): void {
    const refusal = questionnaireRefusalOf(step, state.status);
    if (refusal) invalid(refusal);
  }
  const key = (what: string) => `${workflowId}:${++eventSeq}:${what}`;

  async function moveTo(status: QuestionnaireStatus, actorId: string | null): Promise<void> {
    await acts.recordQuestionnaireStatus({ questionnaireId, status, eventKey: key(status), actorId, at: Date.now() });
    state.status = status;
    wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: status }]);
  }
  async function sendLink(reason: 'invitation' | 'resend' | 'return', actorId: string | null): Promise<void> {
    state.links++;
    await mail.sendQuestionnaireLink({
      questionnaireId,
      linkId: wf.uuid4(),
      reason,
      actorId,
      eventKey: key(`link-${reason}`),
    });
  }
  const tellRequester = (template: 'reminder' | 'expired' | 'outcome' | 'referred') =>
    mail.sendQuestionnaireRequesterEmail({ questionnaireId, template, eventKey: key(`requester-${template}`) });

  wf.setHandler(questionnaireStateQuery, () => state);

  wf.setHandler(
    resendUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        guard('resend');
        await sendLink('resend', actorId);
        return state;
      }),
    { validator: (_: { actorId: string; newAddress: boolean }) => guard('resend') },
  );

  wf.setHandler(
    sendCodeUpdate,
    ({ requestId }) =>
      exclusive(async () => {
        guard('employeeAnswer');
        await mail.sendQuestionnaireCode({ questionnaireId, requestId });
        return state;
      }),
    { validator: (_: { requestId: string }) => guard('employeeAnswer') },
  );

  wf.setHandler(
    submitUpdate,
    () =>
      exclusive(async () => {
        guard('submit');
        await moveTo('awaiting_review', null);
        return state;
      }),
    { validator: (_: { declared: true }) => guard('submit') },
  );

  wf.setHandler(
    acceptUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('accept');
        await moveTo('completed', clinicianId);
        await tellRequester('outcome');
        return state;
      }),
    { validator: (_: { clinicianId: string; outcome: QuestionnaireOutcome }) => guard('accept') },
  );

  wf.setHandler(
    returnUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('returnToEmployee');
        await moveTo('returned_to_employee', clinicianId);
        await sendLink('return', clinicianId);
        return state;
      }),
    { validator: (_: { clinicianId: string }) => guard('returnToEmployee') },
  );

  wf.setHandler(
    requireAppointmentUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('requireAppointment');
        await moveTo('appointment_required', clinicianId);
        return state;
      }),
    { validator: (_: { clinicianId: string }) => guard('requireAppointment') },
  );

  wf.setHandler(
    actionEventUpdate,
    ({ actionId, event, actorId }) =>
      exclusive(async () => {
        guard('changeAction');
        await mail.recordQuestionnaireAction({
          questionnaireId,
          actionId,
          event,
          actorId,
          eventKey: key(`action-${event}`),
        });
        return state;
      }),
    { validator: (_: QuestionnaireActionEvent) => guard('changeAction') },
  );

  wf.setHandler(
    referUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('refer');
        await moveTo('referred', clinicianId);
        await tellRequester('referred');
        return state;
      }),
    { validator: (_: { clinicianId: string; referralId: string }) => guard('refer') },
  );

  await sendLink('invitation', null);

  for (;;) {
    if (isPending(state.status)) {
      // Reminders at each interval from the latest link, then expiry; a new link starts the clock again.
      const links = state.links;
      const sentAt = Date.now();
      const expiresAt = sentAt + durations.questionnaireExpiry;
      let reminders = 0;
      for (;;) {
        const next = Math.min(sentAt + (reminders + 1) * durations.questionnaireReminder, expiresAt);
        const moved = await wf.condition(
          () => !isPending(state.status) || state.links !== links,
          Math.max(next - Date.now(), 1),
        );
        if (moved) break;
        if (Date.now() >= expiresAt) {
          await exclusive(async () => {
            if (!isPending(state.status) || state.links !== links) return;
            await moveTo('expired', null);
            await tellRequester('expired');
          });
          break;
        }
        reminders++;
        await exclusive(async () => {
          if (!isPending(state.status) || state.links !== links) return;
          await mail.sendQuestionnaireReminder({ questionnaireId, eventKey: key('reminder') });
          await tellRequester('reminder');
        });
      }
    } else if (QUESTIONNAIRE_STATUSES[state.status].tab === 'completed') {
      await wf.condition(wf.allHandlersFinished);
      return state;
    } else {
      const current = state.status;
      await wf.condition(() => state.status !== current);
    }
  }
}
