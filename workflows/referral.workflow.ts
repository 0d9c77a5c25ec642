/**
 * One referral, from its first save to its deletion or closure. This file holds
 * the process only (status, case number, timers); every record lives in
 * PostgreSQL and is written by activities.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { ACCEPT_STATUSES, CASE_STATUSES, type CaseStatus } from '../domain/statuses.ts';
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

const acts = wf.proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

const SUBMITTED: ReadonlySet<CaseStatus> = new Set(['awaiting_approval', 'pending_triage']);
const isOpen = (s: CaseStatus) => CASE_STATUSES[s].tab === 'open';

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
    await acts.recordStatus({ referralId: input.referralId, status, eventKey: `${workflowId}:${eventSeq}:${status}`, actorId, at: Date.now() });
    state.status = status;
    wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: status }]);
  }
  const email = (template: Parameters<typeof acts.sendReferralEmail>[0]['template']) =>
    acts.sendReferralEmail({ referralId: input.referralId, template, eventKey: `${workflowId}:${eventSeq}:${template}` });

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
      validator: (_: SubmitInput) => {
        if (state.status !== 'draft' && !SUBMITTED.has(state.status) && !isOpen(state.status)) {
          invalid(`A referral that is ${CASE_STATUSES[state.status].label.toLowerCase()} cannot be submitted.`);
        }
      },
    },
  );

  wf.setHandler(
    approveUpdate,
    ({ approverId }) =>
      exclusive(async () => {
        if (state.status !== 'awaiting_approval') invalid('This referral is no longer awaiting approval.');
        await moveTo('pending_triage', approverId);
        return state;
      }),
    { validator: (_: ApproveInput) => void (state.status !== 'awaiting_approval' && invalid('This referral is not awaiting approval.')) },
  );

  wf.setHandler(
    acceptUpdate,
    ({ clinicianId, status }) =>
      exclusive(async () => {
        if (state.status !== 'pending_triage') invalid('Only a referral pending triage can be accepted.');
        state.caseNumber = await acts.assignCaseNumber({ referralId: input.referralId });
        wf.upsertSearchAttributes([{ key: SA.CaseNumber, value: state.caseNumber }]);
        await moveTo(status, clinicianId);
        await email('case-accepted');
        return state;
      }),
    {
      validator: ({ status }: AcceptInput) => {
        if (state.status !== 'pending_triage') invalid('Only a referral pending triage can be accepted.');
        if (!(ACCEPT_STATUSES as readonly string[]).includes(status)) invalid('Choose a status for the accepted case.');
      },
    },
  );

  wf.setHandler(
    rejectUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        if (!SUBMITTED.has(state.status)) invalid('Only a referral awaiting approval or triage can be rejected.');
        await moveTo('rejected', actorId);
        await email('referral-rejected');
        return state;
      }),
    { validator: (_: RejectInput) => void (!SUBMITTED.has(state.status) && invalid('Only a referral awaiting approval or triage can be rejected.')) },
  );

  wf.setHandler(
    closeUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        if (!isOpen(state.status)) invalid('Only an open case can be closed.');
        await moveTo('closed', clinicianId);
        return state;
      }),
    { validator: (_: CloseInput) => void (!isOpen(state.status) && invalid('Only an open case can be closed.')) },
  );

  wf.setHandler(
    reReferUpdate,
    ({ actorId }) =>
      exclusive(async () => {
        if (state.status !== 'rejected') invalid('Only a rejected referral can be re-referred.');
        await moveTo('draft', actorId);
        // The draft's retention clock starts again from now.
        state.lastSavedAt = Date.now();
        saves++;
        return state;
      }),
    { validator: (_: AuthorInput) => void (state.status !== 'rejected' && invalid('Only a rejected referral can be re-referred.')) },
  );

  wf.setHandler(
    deleteUpdate,
    () =>
      exclusive(async () => {
        if (state.status !== 'draft' && state.status !== 'rejected') invalid('Only a draft or a rejected referral can be deleted.');
        await acts.deleteReferral({ referralId: input.referralId });
        state.status = 'deleted';
        wf.upsertSearchAttributes([{ key: SA.CaseStatus, value: 'deleted' }]);
        return state;
      }),
    { validator: (_: AuthorInput) => void (state.status !== 'draft' && state.status !== 'rejected' && invalid('Only a draft or a rejected referral can be deleted.')) },
  );

  // The open status a case returns to once the employee consents.
  let statusBeforeConsent: CaseStatus | null = null;
  wf.setHandler(
    requestConsentUpdate,
    ({ clinicianId }) =>
      exclusive(async () => {
        if (!isOpen(state.status) || state.status === 'awaiting_employee_consent') invalid('Consent can only be asked for on an open case that is not already waiting for it.');
        statusBeforeConsent = state.status;
        await moveTo('awaiting_employee_consent', clinicianId);
        const linkId = wf.uuid4();
        await acts.sendConsentLink({ referralId: input.referralId, linkId, expiresAt: Date.now() + durations.consentLink });
        return state;
      }),
    {
      validator: (_: { clinicianId: string }) =>
        void ((!isOpen(state.status) || state.status === 'awaiting_employee_consent') && invalid('Consent can only be asked for on an open case that is not already waiting for it.')),
    },
  );

  wf.setHandler(
    recordConsentUpdate,
    ({ decision, actorId }) =>
      exclusive(async () => {
        if (state.status !== 'awaiting_employee_consent') invalid('This case is not waiting for the employee’s consent.');
        await moveTo(decision === 'given' ? (statusBeforeConsent ?? 'triage_ima_required') : 'closed', actorId);
        return state;
      }),
    { validator: (_: ConsentInput) => void (state.status !== 'awaiting_employee_consent' && invalid('This case is not waiting for the employee’s consent.')) },
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
      await acts.releaseLetter({ referralId: input.referralId, letterId, eventKey: `${workflowId}:letter:${letterId}:released` });
    }
    reviewing.delete(letterId);
  }
  wf.setHandler(
    letterIssuedUpdate,
    ({ letterId, employeeReview }) =>
      exclusive(async () => {
        if (!isOpen(state.status)) invalid('A letter can only be issued on an open case.');
        if (!employeeReview) {
          await acts.releaseLetter({ referralId: input.referralId, letterId, eventKey: `${workflowId}:letter:${letterId}:released` });
          return { released: true };
        }
        await acts.sendLetterReviewLink({ referralId: input.referralId, letterId, linkId: wf.uuid4(), expiresAt: Date.now() + durations.employeeReview });
        reviewing.add(letterId);
        void reviewThenRelease(letterId);
        return { released: false };
      }),
    { validator: (_: LetterIssuedInput) => void (!isOpen(state.status) && invalid('A letter can only be issued on an open case.')) },
  );

  let dnaCount = 0;
  const dnaThreshold = input.dnaClosureThreshold ?? DEFAULT_CASE_RULES.dnaClosureThreshold;
  wf.setHandler(
    actionEventUpdate,
    ({ actionId, event }) =>
      exclusive(async () => {
        if (!isOpen(state.status)) invalid('Actions can only change on an open case.');
        eventSeq++;
        const key = `${workflowId}:${eventSeq}:action-${event}`;
        if (event === 'booked' || event === 'rebooked') {
          await acts.sendReferralEmail({ referralId: input.referralId, template: 'appointment-booked', eventKey: key, actionId });
        } else if (event === 'dna') {
          dnaCount++;
          // The referrer hears of a missed appointment the same day.
          await acts.sendReferralEmail({ referralId: input.referralId, template: 'appointment-dna', eventKey: key, actionId });
        }
        return { dnaCount, closureSuggested: dnaCount >= dnaThreshold };
      }),
    { validator: (_: ActionEventInput) => void (!isOpen(state.status) && invalid('Actions can only change on an open case.')) },
  );

  /** Waits out a retention period; true when it expired with nothing happening. */
  async function expires(status: CaseStatus, from: () => number, period: number): Promise<boolean> {
    for (;;) {
      const seen = saves;
      const remaining = from() + period - Date.now();
      if (remaining <= 0 && busy === 0) return true;
      const woke = await wf.condition(() => state.status !== status || saves !== seen || busy > 0, Math.max(remaining, 1));
      if (busy > 0) await wf.condition(() => busy === 0);
      if (state.status !== status) return false;
      if (!woke && busy === 0 && from() + period <= Date.now()) return true;
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
