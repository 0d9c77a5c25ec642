/**
 * The questionnaire workflow's messages. The API imports this file (never the workflow body).
 * Payloads carry ids, enums and timestamps only: names, email addresses, answers and a
 * clinician's question are in PostgreSQL before the workflow is told.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { QuestionnaireOutcome, QuestionnaireStatus } from '../domain/questionnaire-statuses.ts';
import type { Durations } from '../temporal.config.ts';

export type QuestionnaireWorkflowInput = {
  questionnaireId: string;
  organisationCode: string;
  typeKey: string;
  /** Production defaults come from temporal.config.ts; tests pass seconds. */
  durations?: Partial<Durations>;
};

export type QuestionnaireState = {
  status: QuestionnaireStatus;
  /** How many links have been sent (the first, resends, returns); a new one restarts the reminder clock. */
  links: number;
};

/** Resend (FAQ 15, 16): the old link stops working at once, a new one goes (perhaps to a new address already saved). */
export const resendUpdate = defineUpdate<QuestionnaireState, [{ actorId: string; newAddress: boolean }]>('resend');
/** The employee asked for a one-time code to prove they hold the mailbox; the code itself is made by the activity. */
export const sendCodeUpdate = defineUpdate<QuestionnaireState, [{ requestId: string }]>('sendCode');
/** The employee submitted; the answers are already stored (sealed). */
export const submitUpdate = defineUpdate<QuestionnaireState, [{ declared: true }]>('submit');
/** The clinician's outcome, already saved on the record. */
export const acceptUpdate = defineUpdate<QuestionnaireState, [{ clinicianId: string; outcome: QuestionnaireOutcome }]>(
  'accept',
);
/** Back to the employee with a question (already stored, sealed); they answer through a new link. */
export const returnUpdate = defineUpdate<QuestionnaireState, [{ clinicianId: string }]>('return');
export const requireAppointmentUpdate = defineUpdate<QuestionnaireState, [{ clinicianId: string }]>(
  'requireAppointment',
);
export type QuestionnaireActionEvent = {
  actionId: string;
  event: 'booked' | 'rebooked' | 'closed' | 'canx' | 'dna';
  actorId: string;
};
export const actionEventUpdate = defineUpdate<QuestionnaireState, [QuestionnaireActionEvent]>('actionEvent');
/** Referred for a full assessment: the referral (already created, linked) takes it from here. */
export const referUpdate = defineUpdate<QuestionnaireState, [{ clinicianId: string; referralId: string }]>('refer');
export const questionnaireStateQuery = defineQuery<QuestionnaireState>('state');

/** Thrown by validators; the API turns it into a 409 with this message. */
export const QUESTIONNAIRE_INVALID_STATE = 'InvalidState';

export const QUESTIONNAIRE_WORKFLOW_TYPE = 'questionnaireWorkflow';
