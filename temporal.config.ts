/**
 * Pure Temporal constants. Workflows import this file, so it must stay free of
 * process.env, fs and anything else non-deterministic.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const NAMESPACE = 'casebook';
export const TASK_QUEUE = 'casebook';

/** Search attributes shown to operators in the Temporal Web UI. Never personal data. */
export const SEARCH_ATTRIBUTES = {
  CaseStatus: 'Keyword',
  ReferralType: 'Keyword',
  OrganisationCode: 'Keyword',
  CaseNumber: 'Keyword',
  QuestionnaireType: 'Keyword',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Production defaults; every one is a workflow input so tests can run them in seconds. */
export const DEFAULT_DURATIONS_MS = {
  /** An unsubmitted draft is deleted this long after its last save. */
  draftRetention: 30 * DAY,
  /** A rejected referral is deleted this long after rejection. */
  rejectedRetention: 30 * DAY,
  /** Password-reset links. */
  passwordResetLink: 24 * HOUR,
  /** Account activation links. */
  activationLink: 7 * DAY,
  /** The employee's consent link. */
  consentLink: 14 * DAY,
  /** The employee's look at an advice letter before it is released. */
  employeeReview: 21 * DAY,
  /**
   * A new referral's run starts before the API writes its row, then checks the row is there this long
   * after; the API writes the row only within half of it, so a crash between the two ends the run here.
   */
  newReferralRow: 1 * MINUTE,
  /** The employee is reminded of an uncompleted questionnaire this often (the requester is told too). */
  questionnaireReminder: 7 * DAY,
  /** A questionnaire request expires this long after its link was (re)sent. */
  questionnaireExpiry: 28 * DAY,
} as const;

/** Case rules that are workflow inputs, like the durations. */
export const DEFAULT_CASE_RULES = {
  /** After this many DNAs the clinician is offered closure. */
  dnaClosureThreshold: 2,
} as const;

export type Durations = { [K in keyof typeof DEFAULT_DURATIONS_MS]: number };

export const workflowId: {
  referral(referralId: string): string;
  questionnaire(questionnaireId: string): string;
  passwordReset(tokenId: string): string;
  activation(tokenId: string): string;
  invitation(tokenId: string): string;
  accountLink(purpose: 'activation' | 'password-reset' | 'invitation', tokenId: string): string;
  usernameReminder(requestId: string): string;
  caseNoteEmail(noteId: string): string;
  accountNotice(requestId: string): string;
  miPack(organisationId: string, month: string): string;
  miPackScheduled: string;
  reassign(reassignmentId: string): string;
} = {
  referral: (referralId: string) => `referral-${referralId}`,
  questionnaire: (questionnaireId: string) => `questionnaire-${questionnaireId}`,
  passwordReset: (tokenId: string) => `password-reset-${tokenId}`,
  activation: (tokenId: string) => `activation-${tokenId}`,
  invitation: (tokenId: string) => `invitation-${tokenId}`,
  accountLink: (purpose: 'activation' | 'password-reset' | 'invitation', tokenId: string) => {
    const { activation, passwordReset, invitation } = workflowId;
    return { activation, 'password-reset': passwordReset, invitation }[purpose](tokenId);
  },
  usernameReminder: (requestId: string) => `username-reminder-${requestId}`,
  caseNoteEmail: (noteId: string) => `case-note-${noteId}`,
  /** An account notice after an administrator's action (unlocked, email changed), keyed by that action. */
  accountNotice: (requestId: string) => `account-notice-${requestId}`,
  /** A provider admin's run of one organisation's pack for one month ("2026-11"). */
  miPack: (organisationId: string, month: string) => `mi-pack-${organisationId}-${month}`,
  /** The schedule's runs: Temporal appends each run's scheduled time to this. */
  miPackScheduled: 'mi-pack-monthly',
  reassign: (reassignmentId: string) => `reassign-${reassignmentId}`,
};

/** The Temporal Schedule that builds every organisation's MI pack on the 1st of each month. */
export const MI_PACK_SCHEDULE = {
  id: 'mi-monthly-packs',
  /** 02:00 UK time on the 1st, for the month before. */
  calendar: { dayOfMonth: 1, hour: 2, minute: 0 },
  timezone: 'Europe/London',
} as const;

/** Typed keys for the search attributes above, shared by workflows and clients. */
export const SA = {
  CaseStatus: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  ReferralType: defineSearchAttributeKey('ReferralType', SearchAttributeType.KEYWORD),
  OrganisationCode: defineSearchAttributeKey('OrganisationCode', SearchAttributeType.KEYWORD),
  CaseNumber: defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD),
  QuestionnaireType: defineSearchAttributeKey('QuestionnaireType', SearchAttributeType.KEYWORD),
};
