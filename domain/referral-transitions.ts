/**
 * The referral process's rules, once: which step may happen in which state, who
 * may take it, and the words used to refuse it. The workflow's validators and
 * handlers, the API's pre-checks and the case page's `allowed` all read this
 * module, so they cannot disagree.
 */
import { CASE_STATUSES, type CaseStatus } from './statuses.ts';

export type ReferralStep =
  | 'submit'
  | 'approve'
  | 'triage'
  | 'reject'
  | 'reRefer'
  | 'delete'
  | 'close'
  | 'requestConsent'
  | 'recordConsent'
  | 'issueLetter'
  | 'changeAction';

const isOpen = (s: CaseStatus) => CASE_STATUSES[s].tab === 'open';
const isSubmitted = (s: CaseStatus) => s === 'awaiting_approval' || s === 'pending_triage';

type StepRule = { allowedIn: (status: CaseStatus) => boolean; refusal: string };

export const REFERRAL_STEPS: Record<ReferralStep, StepRule> = {
  // Submitting again once submitted is not an error: the caller sees the state it already has.
  submit: {
    allowedIn: (s) => s === 'draft' || isSubmitted(s) || isOpen(s),
    refusal: 'Only a draft can be submitted. Re-refer a rejected referral or a closed case to send it again.',
  },
  approve: { allowedIn: (s) => s === 'awaiting_approval', refusal: 'This referral is no longer awaiting approval.' },
  // Accepting, or rejecting at triage.
  triage: {
    allowedIn: (s) => s === 'pending_triage',
    refusal: 'Only a referral pending triage can be accepted or rejected.',
  },
  reject: { allowedIn: isSubmitted, refusal: 'Only a referral awaiting approval or triage can be rejected.' },
  reRefer: {
    allowedIn: (s) => s === 'rejected' || s === 'closed',
    refusal: 'Only a rejected referral or a closed case can be re-referred.',
  },
  delete: {
    allowedIn: (s) => s === 'draft' || s === 'rejected',
    refusal: 'Only a draft or a rejected referral can be deleted.',
  },
  close: { allowedIn: isOpen, refusal: 'Only an open case can be closed.' },
  requestConsent: {
    allowedIn: (s) => isOpen(s) && s !== 'awaiting_employee_consent',
    refusal: 'Consent can only be asked for on an open case that is not already waiting for it.',
  },
  recordConsent: {
    allowedIn: (s) => s === 'awaiting_employee_consent',
    refusal: 'This case is not waiting for the employee’s consent.',
  },
  issueLetter: { allowedIn: isOpen, refusal: 'A letter can only be issued on an open case.' },
  changeAction: { allowedIn: isOpen, refusal: 'Actions can only be booked or changed on an open case.' },
};

/** Why this step cannot happen in this state, or undefined when it can. */
export function refusalOf(step: ReferralStep, status: CaseStatus): string | undefined {
  const rule = REFERRAL_STEPS[step];
  return rule.allowedIn(status) ? undefined : rule.refusal;
}

/**
 * The state a finished workflow run leaves: a run ends only once its referral
 * is closed or deleted, and a deleted one is not found at all.
 */
export const FINISHED_STATUS: CaseStatus = 'closed';

/** How the viewer stands to the referral, for the "who" half of each rule. */
export type ReferralRelation = {
  isAuthor: boolean;
  /** The manager of the referral's author, who approves it. */
  isAuthorsManager: boolean;
  isClinician: boolean;
  /** Holds the approver permission in the referral's organisation. */
  isApprover: boolean;
  /** May make referrals (a closed case's Re-Refer starts a new one). */
  isReferrer: boolean;
  /** Holds the case reassigner permission in the referral's organisation. */
  isReassigner?: boolean;
};

/** Drafts and referrals sent back are their author's, not cases yet: only a case changes owner. */
export const isReassignable = (status: CaseStatus | string) => status !== 'draft' && status !== 'rejected';

export const WHO_REFUSALS = {
  submit: 'Only the author of a referral can submit it.',
  delete: 'Only the author can delete this referral.',
  reReferRejected: 'Only the author of a rejected referral can re-refer it.',
  approve: 'Only the manager of the person who made this referral can approve it.',
} as const;

/** What the viewer may do with the referral now: the case page shows only these. */
export function allowedSteps(referral: { status: CaseStatus; caseNumber: string | null }, who: ReferralRelation) {
  const may = (step: ReferralStep) => refusalOf(step, referral.status) === undefined;
  const { status } = referral;
  return {
    edit: status === 'draft' && who.isAuthor,
    delete: may('delete') && who.isAuthor,
    reRefer: (status === 'rejected' && who.isAuthor) || (status === 'closed' && who.isReferrer),
    approve: may('approve') && who.isApprover && who.isAuthorsManager,
    triage: may('triage') && who.isClinician,
    work: isOpen(status) && referral.caseNumber !== null && who.isClinician,
    reassign: isReassignable(status) && (who.isReassigner ?? false),
  };
}
