/**
 * One referral, from its first save to its deletion or closure. This file holds
 * the process only (status, case number, timers); every record lives in
 * PostgreSQL and is written by activities.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { REFERRAL_STEPS, refusalOf, type ReferralStep } from '../domain/referral-transitions.ts';
import { ACCEPT_STATUSES, CASE_STATUSES, type ActionKind, type CaseStatus } from '../domain/statuses.ts';
import { DEFAULT_CASE_RULES, DEFAULT_DURATIONS_MS, SA } from '../temporal.config.ts';
import {
  acceptUpdate,
  actionEventUpdate,
  letterIssuedUpdate,
  letterReviewedSignal,
  recordConsentUpdate,
  requestConsentUpdate,
  approveUpdate,
  closeUpdate,
  deleteUpdate,
  draftSavedSignal,
  INVALID_STATE,
  reReferUpdate,
  rejectUpdate,
  stateQuery,
  submitUpdate,
  type AcceptInput,
  type ActionEventInput,
  type ApproveInput,
  type ConsentInput,
  type LetterIssuedInput,
  type AuthorInput,
  type CloseInput,
  type ReferralState,
  type ReferralWorkflowInput,
  type RejectInput,
  type SubmitInput,
} from './referral.messages.ts';
import { DATABASE_WRITE, EMAIL } from './activity-options.ts';

type Activities = ReturnType<typeof createActivities>;
/** Runs started before this change never check for their row. */
const ROW_CHECK = 'check-referral-row';
/**
 * Runs started before this change keep the status triage gave them while the case is worked, and
 * send no email when it closes; from it, the status follows consent, actions and letters, and the
 * owner and sharers hear of a closed case.
 */
const STATUS_FOLLOWS_CASE = 'status-follows-case';
const acts = wf.proxyActivities<Activities>(DATABASE_WRITE);
const mail = wf.proxyActivities<Activities>(EMAIL);

function invalid(message: string): never {
  throw wf.ApplicationFailure.create({ type: INVALID_STATE, message, nonRetryable: true });
}

export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralState> {
  const durations = { ...DEFAULT_DURATIONS_MS, ...input.durations };
  const workflowId = wf.workflowInfo().workflowId;
  const state: ReferralState = { status: 'draft', caseNumber: null, lastSavedAt: Date.now() };
  let eventSeq = 0;
  let saves = 0;
  // Updates run one at a time, so a transition never interleaves with another.
  let busy = 0;
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    busy++;
    const run = chain.then(fn).finally(() => busy--);
    chain = run.catch(() => undefined);
    return run;
  }

  async function moveTo(status: CaseStatus, actorId: string | null): Promise<void> {
    eventSeq++;
    await acts.recordStatus({
      referralId: input.referralId,
      status,
      eventKey: `${workflowId}:${eventSeq}:${status}`,
      actorId,
      at: Date.now(),
    });
    state.status = status;
    wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: status }]);
  }
  const email = (template: Parameters<typeof mail.sendReferralEmail>[0]['template']) =>
    mail.sendReferralEmail({
      referralId: input.referralId,
      template,
      eventKey: `${workflowId}:${eventSeq}:${template}`,
    });

  /** Refuses a step the referral's state does not allow, in the words domain/ gives. */
  function guard(step: ReferralStep): void {
    const refusal = refusalOf(step, state.status);
    if (refusal) invalid(refusal);
  }
  // Here only a rejected referral goes back to a draft; a closed case's Re-Refer starts a new referral.
  const guardReRefer = () => (state.status === 'rejected' ? undefined : invalid(REFERRAL_STEPS.reRefer.refusal));

  wf.setHandler(stateQuery, () => state);

  wf.setHandler(draftSavedSignal, ({ at }) => {
    if (state.status !== 'draft') return;
    state.lastSavedAt = Math.max(state.lastSavedAt, at);
    saves++;
  });

  wf.setHandler(
    submitUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        // Submitting twice is not an error: the second call sees the first one's result.
        if (state.status !== 'draft') return state;
        await moveTo(input.requiresApproval ? 'awaiting_approval' : 'pending_triage', actorId);
        await email('referral-submitted');
        if (input.requiresApproval) await email('approval-needed');
        return state;
      }),
    {
      validator: (_: SubmitInput) => guard('submit'),
    },
  );

  wf.setHandler(
    approveUpdate,
    ({ approverId }) =>
      exclusive(async () => {
        guard('approve');
        await moveTo('pending_triage', approverId);
        return state;
      }),
    { validator: (_: ApproveInput) => guard('approve') },
  );

  wf.setHandler(
    acceptUpdate,
    ({ clinicianId, status }) =>
      exclusive(async () => {
        guard('triage');
        state.caseNumber = await acts.assignCaseNumber({ referralId: input.referralId });
        wf.upsertSearchAttributes([{ key: SA.CaseNumber, value: state.caseNumber }]);
        await moveTo(status, clinicianId);
        await email('case-accepted');
        return state;
      }),
    {
      validator: ({ status }: AcceptInput) => {
        guard('triage');
        if (!(ACCEPT_STATUSES as readonly string[]).includes(status)) invalid('Choose a status for the accepted case.');
      },
    },
  );

  wf.setHandler(
    rejectUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        guard('reject');
        await moveTo('rejected', actorId);
        await email('referral-rejected');
        return state;
      }),
    { validator: (_: RejectInput) => guard('reject') },
  );

  wf.setHandler(
    closeUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('close');
        await moveTo('closed', clinicianId);
        if (wf.patched(STATUS_FOLLOWS_CASE)) await email('case-closed');
        return state;
      }),
    { validator: (_: CloseInput) => guard('close') },
  );

  wf.setHandler(
    reReferUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        guardReRefer();
        await moveTo('draft', actorId);
        // The draft's retention clock starts again from now.
        state.lastSavedAt = Date.now();
        saves++;
        return state;
      }),
    { validator: (_: AuthorInput) => guardReRefer() },
  );

  wf.setHandler(
    deleteUpdate,
    () =>
      exclusive(async () => {
        guard('delete');
        await acts.deleteReferral({ referralId: input.referralId });
        state.status = 'deleted';
        wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: 'deleted' }]);
        return state;
      }),
    { validator: (_: AuthorInput) => guard('delete') },
  );

  // The open status a case returns to once the employee consents.
  let statusBeforeConsent: CaseStatus | null = null;
  /**
   * The case's work (an action, a letter) moved it on: an open case takes the new status at once;
   * one waiting for consent takes it once the employee consents; a closed one keeps its status.
   */
  async function settle(status: CaseStatus, actorId: string | null): Promise<void> {
    if (state.status === 'awaiting_employee_consent') {
      statusBeforeConsent = status;
      return;
    }
    if (CASE_STATUSES[state.status].tab !== 'open' || state.status === status) return;
    await moveTo(status, actorId);
  }
  wf.setHandler(
    requestConsentUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        guard('requestConsent');
        statusBeforeConsent = state.status;
        await moveTo('awaiting_employee_consent', clinicianId);
        const linkId = wf.uuid4();
        await mail.sendConsentLink({
          referralId: input.referralId,
          linkId,
          expiresAt: Date.now() + durations.consentLink,
        });
        return state;
      }),
    { validator: (_: { clinicianId: string }) => guard('requestConsent') },
  );

  wf.setHandler(
    recordConsentUpdate,
    ({ decision, actorId }) =>
      exclusive(async () => {
        guard('recordConsent');
        await moveTo(decision === 'given' ? (statusBeforeConsent ?? 'triage_ima_required') : 'closed', actorId);
        if (decision === 'declined' && wf.patched(STATUS_FOLLOWS_CASE)) await email('case-closed');
        return state;
      }),
    { validator: (_: ConsentInput) => guard('recordConsent') },
  );

  // Letters held for the employee's review: released on "accurate" or when the period passes.
  const reviewing = new Set<string>();
  const responses = new Map<string, 'accurate' | 'correction'>();
  wf.setHandler(letterReviewedSignal, ({ letterId, response }) => {
    if (reviewing.has(letterId)) responses.set(letterId, response);
  });
  async function reviewThenRelease(letterId: string): Promise<void> {
    await wf.condition(() => responses.has(letterId), durations.employeeReview);
    // Asked for a correction: held until the clinician issues a corrected letter.
    if (responses.get(letterId) !== 'correction') {
      await mail.releaseLetter({
        referralId: input.referralId,
        letterId,
        eventKey: `${workflowId}:letter:${letterId}:released`,
      });
      if (wf.patched(STATUS_FOLLOWS_CASE)) await exclusive(() => settle('advice_letter_issued', null));
    }
    reviewing.delete(letterId);
  }
  wf.setHandler(
    letterIssuedUpdate,
    ({ letterId, employeeReview, clinicianId }) =>
      exclusive(async () => {
        guard('issueLetter');
        if (!employeeReview) {
          await mail.releaseLetter({
            referralId: input.referralId,
            letterId,
            eventKey: `${workflowId}:letter:${letterId}:released`,
          });
          if (wf.patched(STATUS_FOLLOWS_CASE)) await settle('advice_letter_issued', clinicianId);
          return { released: true };
        }
        if (wf.patched(STATUS_FOLLOWS_CASE)) await settle('advice_letter_awaiting_employee_response', clinicianId);
        await mail.sendLetterReviewLink({
          referralId: input.referralId,
          letterId,
          linkId: wf.uuid4(),
          expiresAt: Date.now() + durations.employeeReview,
        });
        reviewing.add(letterId);
        void reviewThenRelease(letterId);
        return { released: false };
      }),
    { validator: (_: LetterIssuedInput) => guard('issueLetter') },
  );

  // The actions open on the case (kept from this change on), which decide its status.
  const openActions = new Map<string, ActionKind>();
  // The status the case had before its actions moved it, to go back to when they all fall through.
  let statusBeforeActions: CaseStatus | null = null;
  const ACTION_STATUSES: readonly CaseStatus[] = ['appointment_booked', 'awaiting_further_evidence'];
  async function followActions({ actionId, event, kind, actorId }: ActionEventInput): Promise<void> {
    if (event === 'booked' || event === 'rebooked') openActions.set(actionId, kind ?? 'appointment');
    else openActions.delete(actionId);
    const open = [...openActions.values()];
    const next: CaseStatus | null = open.includes('appointment')
      ? 'appointment_booked'
      : open.includes('evidence')
        ? 'awaiting_further_evidence'
        : event === 'closed'
          ? 'awaiting_advice_letter'
          : statusBeforeActions;
    const current = state.status === 'awaiting_employee_consent' ? statusBeforeConsent : state.status;
    if (current && !ACTION_STATUSES.includes(current) && ACTION_STATUSES.includes(next ?? 'closed'))
      statusBeforeActions = current;
    if (next) await settle(next, actorId);
  }

  let dnaCount = 0;
  const dnaThreshold = input.dnaClosureThreshold ?? DEFAULT_CASE_RULES.dnaClosureThreshold;
  wf.setHandler(
    actionEventUpdate,
    (change) =>
      exclusive(async () => {
        const { actionId, event } = change;
        guard('changeAction');
        eventSeq++;
        const key = `${workflowId}:${eventSeq}:action-${event}`;
        if (event === 'booked' || event === 'rebooked') {
          await mail.sendReferralEmail({
            referralId: input.referralId,
            template: 'appointment-booked',
            eventKey: key,
            actionId,
          });
        } else if (event === 'dna') {
          dnaCount++;
          // The referrer hears of a missed appointment the same day.
          await mail.sendReferralEmail({
            referralId: input.referralId,
            template: 'appointment-dna',
            eventKey: key,
            actionId,
          });
        } else if (event === 'canx' && wf.patched('employee-told-of-cancellation')) {
          // The employee hears that the appointment is off (if the referral has their email address).
          await mail.sendAppointmentCancelled({ referralId: input.referralId, actionId, eventKey: key });
        }
        if (wf.patched(STATUS_FOLLOWS_CASE)) {
          // The owner and sharers hear of a cancelled appointment as they heard of its booking.
          if (event === 'canx')
            await mail.sendReferralEmail({
              referralId: input.referralId,
              template: 'appointment-cancelled',
              eventKey: `${key}:referrer`,
              actionId,
            });
          await followActions(change);
        }
        return { dnaCount, closureSuggested: dnaCount >= dnaThreshold };
      }),
    { validator: (_: ActionEventInput) => guard('changeAction') },
  );

  /** Waits out a retention period; true when it expired with nothing happening. */
  async function expires(status: CaseStatus, from: () => number, period: number): Promise<boolean> {
    for (;;) {
      const seen = saves;
      const remaining = from() + period - Date.now();
      if (remaining <= 0 && busy === 0) return true;
      const woke = await wf.condition(
        () => state.status !== status || saves !== seen || busy > 0,
        Math.max(remaining, 1),
      );
      if (busy > 0) await wf.condition(() => busy === 0);
      if (state.status !== status) return false;
      if (!woke && busy === 0 && from() + period <= Date.now()) return true;
    }
  }

  // The API starts this run, then writes the referral's row (so a Temporal outage leaves nothing behind). If the API
  // died or PostgreSQL failed in between, no row ever comes: with nothing heard from the API, the run checks and ends.
  if (wf.patched(ROW_CHECK) && durations.newReferralRow < durations.draftRetention) {
    const heard = await wf.condition(() => saves > 0 || busy > 0 || state.status !== 'draft', durations.newReferralRow);
    // Were PostgreSQL down past every retry, the run stays, as it did before this check.
    const exists = heard || (await acts.referralExists({ referralId: input.referralId }).catch(() => true));
    if (!exists) {
      wf.log.warn('The referral row was never written: the run ends', { referralId: input.referralId });
      state.status = 'deleted';
      wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: 'deleted' }]);
      await wf.condition(wf.allHandlersFinished);
      return state;
    }
  }

  for (;;) {
    if (state.status === 'draft') {
      if (await expires('draft', () => state.lastSavedAt, durations.draftRetention)) break;
    } else if (state.status === 'rejected') {
      const rejectedAt = Date.now();
      if (await expires('rejected', () => rejectedAt, durations.rejectedRetention)) break;
    } else if (state.status === 'closed' || state.status === 'deleted') {
      // A letter still under the employee's review is released before the run ends.
      await wf.condition(() => wf.allHandlersFinished() && reviewing.size === 0);
      return state;
    } else {
      const current = state.status;
      await wf.condition(() => state.status !== current);
    }
  }
  // Retention ran out: the records go, then the run ends.
  await acts.deleteReferral({ referralId: input.referralId });
  state.status = 'deleted';
  wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: 'deleted' }]);
  await wf.condition(wf.allHandlersFinished);
  return state;
}
