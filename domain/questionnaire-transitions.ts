/**
 * The questionnaire process's rules, once, as domain/referral-transitions.ts is for referrals:
 * which step may happen in which state, who may take it, and the one wording that refuses it.
 * The workflow's validators, the API's pre-checks and the pages' `allowed` all read this module.
 */
import { QUESTIONNAIRE_STATUSES, type QuestionnaireStatus } from './questionnaire-statuses.ts';

export type QuestionnaireStep =
  | 'resend'
  | 'employeeAnswer'
  | 'submit'
  | 'accept'
  | 'returnToEmployee'
  | 'requireAppointment'
  | 'changeAction'
  | 'refer';

const isPending = (s: QuestionnaireStatus) => QUESTIONNAIRE_STATUSES[s].tab === 'pending';
const isUnderReview = (s: QuestionnaireStatus) => QUESTIONNAIRE_STATUSES[s].tab === 'review';

type StepRule = { allowedIn: (status: QuestionnaireStatus) => boolean; refusal: string };

const QUESTIONNAIRE_STEPS: Record<QuestionnaireStep, StepRule> = {
  resend: {
    allowedIn: isPending,
    refusal: 'Only a questionnaire still pending the employee’s completion can be resent.',
  },
  employeeAnswer: {
    allowedIn: isPending,
    refusal:
      'This questionnaire is no longer waiting for your answers. If you think this is wrong, contact your employer.',
  },
  submit: {
    allowedIn: isPending,
    refusal: 'This questionnaire has already been submitted, or is no longer waiting for your answers.',
  },
  accept: {
    allowedIn: isUnderReview,
    refusal: 'Only a questionnaire awaiting clinical review can be given an outcome.',
  },
  returnToEmployee: {
    allowedIn: (s) => s === 'awaiting_review',
    refusal: 'Only a questionnaire awaiting clinical review can be returned to the employee.',
  },
  requireAppointment: {
    allowedIn: (s) => s === 'awaiting_review',
    refusal: 'Only a questionnaire awaiting clinical review can require an appointment.',
  },
  changeAction: {
    allowedIn: (s) => s === 'appointment_required',
    refusal: 'Appointments can only be booked or changed once the questionnaire requires one.',
  },
  refer: {
    allowedIn: isUnderReview,
    refusal: 'Only a questionnaire awaiting clinical review can be referred for a full assessment.',
  },
};

/** Why this step cannot happen in this state, or undefined when it can. */
export function questionnaireRefusalOf(step: QuestionnaireStep, status: QuestionnaireStatus): string | undefined {
  const rule = QUESTIONNAIRE_STEPS[step];
  return rule.allowedIn(status) ? undefined : rule.refusal;
}

/** The state a finished run leaves: once completed, referred on or expired nothing changes. */
export const QUESTIONNAIRE_FINISHED_STATUS: QuestionnaireStatus = 'completed';

/** How the viewer stands to the questionnaire (they can already see it), for the "who" half of each rule. */
export type QuestionnaireRelation = { isClinician: boolean; isRequesterSide: boolean };

export const QUESTIONNAIRE_WHO_REFUSALS = {
  resend: 'Only the person who requested this questionnaire, or someone who can see their cases, can resend it.',
  review: 'Only a clinician of the provider can review questionnaires.',
  answers: 'Only a clinician of the provider can read the employee’s answers.',
} as const;

/** What the viewer may do with the questionnaire now: the pages show only these. */
export function allowedQuestionnaireSteps(q: { status: QuestionnaireStatus }, who: QuestionnaireRelation) {
  const may = (step: QuestionnaireStep) => questionnaireRefusalOf(step, q.status) === undefined;
  return {
    resend: may('resend') && who.isRequesterSide,
    readAnswers: who.isClinician && q.status !== 'awaiting_employee',
    accept: may('accept') && who.isClinician,
    returnToEmployee: may('returnToEmployee') && who.isClinician,
    requireAppointment: may('requireAppointment') && who.isClinician,
    changeAction: may('changeAction') && who.isClinician,
    refer: may('refer') && who.isClinician,
  };
}
