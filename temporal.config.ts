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
  reassign: (reassignmentId: string) => `reassign-${reassignmentId}`,
};

/** Typed keys for the search attributes above, shared by workflows and clients. */
export const SA = {
  CaseStatus: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  ReferralType: defineSearchAttributeKey('ReferralType', SearchAttributeType.KEYWORD),
  OrganisationCode: defineSearchAttributeKey('OrganisationCode', SearchAttributeType.KEYWORD),
  CaseNumber: defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD),
};
