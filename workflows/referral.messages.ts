/**
 * The referral workflow's messages. The API imports this file (never the workflow
 * body) and uses these very definitions. Payloads carry ids, enums and timestamps
 * only: free text (reasons, notes, letters) is in PostgreSQL before the workflow is told.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AcceptStatus, ActionKind, CaseStatus } from '../domain/statuses.ts';
import type { Durations } from '../temporal.config.ts';

export type ReferralWorkflowInput = {
  referralId: string;
  organisationCode: string;
  formKey: string;
  requiresApproval: boolean;
  /** Production defaults come from temporal.config.ts; tests pass seconds. */
  durations?: Partial<Durations>;
  dnaClosureThreshold?: number;
};

export type ReferralState = {
  status: CaseStatus;
  caseNumber: string | null;
  /** Epoch ms of the last draft save (drives the draft-retention timer). */
  lastSavedAt: number;
};

export type SubmitInput = { actorId: string };
export type ApproveInput = { approverId: string };
export type AcceptInput = { clinicianId: string; status: AcceptStatus };
export type RejectInput = { actorId: string };
export type CloseInput = { clinicianId: string };
export type AuthorInput = { actorId: string };

export const draftSavedSignal = defineSignal<[{ at: number }]>('draftSaved');
export const submitUpdate = defineUpdate<ReferralState, [SubmitInput]>('submit');
export const approveUpdate = defineUpdate<ReferralState, [ApproveInput]>('approve');
export const acceptUpdate = defineUpdate<ReferralState, [AcceptInput]>('accept');
export const rejectUpdate = defineUpdate<ReferralState, [RejectInput]>('reject');
export const closeUpdate = defineUpdate<ReferralState, [CloseInput]>('close');
/** Re-Refer: a rejected referral goes back to its author as a draft, in the same workflow. */
export const reReferUpdate = defineUpdate<ReferralState, [AuthorInput]>('reRefer');
/** The author deletes a draft or a rejected referral now, rather than at retention. */
export const deleteUpdate = defineUpdate<ReferralState, [AuthorInput]>('delete');
export const stateQuery = defineQuery<ReferralState>('state');

/** Ask the employee for consent: the case waits, and the employee is emailed a single-use link. */
export const requestConsentUpdate = defineUpdate<ReferralState, [{ clinicianId: string }]>('requestConsent');
/** Consent given (the case goes on) or declined (the case closes; the outcome is already saved). */
export type ConsentInput = { decision: 'given' | 'declined'; by: 'employee' | 'clinician'; actorId: string | null };
export const recordConsentUpdate = defineUpdate<ReferralState, [ConsentInput]>('recordConsent');

/** An advice letter was issued (its PDF is already stored); with employee review it is held back. */
export type LetterIssuedInput = { letterId: string; employeeReview: boolean; clinicianId: string };
export const letterIssuedUpdate = defineUpdate<{ released: boolean }, [LetterIssuedInput]>('letterIssued');
/** The employee answered through their link: 'accurate' releases the letter, 'correction' holds it. */
export const letterReviewedSignal =
  defineSignal<[{ letterId: string; response: 'accurate' | 'correction' }]>('letterReviewed');

/** An action (appointment, evidence request) was booked, rebooked or changed status; its record is already saved. */
export type ActionEventInput = {
  actionId: string;
  event: 'booked' | 'rebooked' | 'closed' | 'canx' | 'dna';
  actorId: string;
  /** Which kind of action (absent from callers before statuses followed actions: an appointment). */
  kind?: ActionKind;
};
export type ActionEventResult = { dnaCount: number; closureSuggested: boolean };
export const actionEventUpdate = defineUpdate<ActionEventResult, [ActionEventInput]>('actionEvent');

/** Thrown by validators; the API turns it into a 409 with this message. */
export const INVALID_STATE = 'InvalidState';

/** The workflow type name, so clients can start it without importing its body. */
export const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';
