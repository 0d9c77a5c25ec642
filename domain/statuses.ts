/**
 * The one catalogue of referral and case statuses. Referrers see `label` and
 * `explanation`; `tab` decides where Track Referrals / Saved Referrals list it.
 */
export type StatusTab = 'draft' | 'approval' | 'pending' | 'open' | 'closed' | 'rejected' | 'deleted';

export type StatusDefinition = { label: string; explanation: string; tab: StatusTab };

export const CASE_STATUSES = {
  draft: {
    label: 'Draft',
    explanation: 'Saved but not yet submitted. Only you can see it. It is deleted 30 days after it was last saved.',
    tab: 'draft',
  },
  awaiting_approval: {
    label: 'Awaiting Manager Approval',
    explanation: 'Your organisation requires a manager to approve referrals before they reach the provider.',
    tab: 'approval',
  },
  pending_triage: {
    label: 'Pending Triage',
    explanation: 'The provider has received the referral and a clinician will accept or reject it.',
    tab: 'pending',
  },
  rejected: {
    label: 'Rejected',
    explanation:
      'The referral was rejected; the reason is on this page and in the email you received. You can re-refer or delete it.',
    tab: 'rejected',
  },
  triage_ima_required: {
    label: 'Triage Next Action - IMA Required',
    explanation: 'The referral has been accepted and an initial medical assessment (IMA) will be arranged.',
    tab: 'open',
  },
  triage_further_evidence_required: {
    label: 'Triage Next Action - Further Medical Evidence Required',
    explanation: 'The referral has been accepted; the clinician needs further medical evidence before an assessment.',
    tab: 'open',
  },
  awaiting_employee_consent: {
    label: 'Awaiting Employee Consent',
    explanation: 'The employee has been asked for consent; the case continues once they give it.',
    tab: 'open',
  },
  appointment_booked: {
    label: 'Appointment Booked',
    explanation:
      'An appointment with the employee has been booked. Its date and time are on the Actions tab; please make sure the employee can attend.',
    tab: 'open',
  },
  awaiting_further_evidence: {
    label: 'Awaiting Further Medical Evidence',
    explanation:
      'The clinician has asked for further medical evidence, for example from the employee’s GP or specialist, and is waiting for it to arrive.',
    tab: 'open',
  },
  awaiting_advice_letter: {
    label: 'Awaiting Advice Letter',
    explanation:
      'The appointment has taken place or the evidence has arrived. The clinician is preparing the advice letter.',
    tab: 'open',
  },
  advice_letter_awaiting_employee_response: {
    label: 'Advice Letter Awaiting Employee Response',
    explanation:
      'The advice letter is written. The employee asked to read it first and has 21 days to confirm it is factually accurate; then it appears under Documents and you are emailed.',
    tab: 'open',
  },
  advice_letter_issued: {
    label: 'Advice Letter Issued',
    explanation:
      'The advice letter is under Documents on this page, and you were emailed when it arrived. The case stays open until the clinician closes it.',
    tab: 'open',
  },
  closed: {
    label: 'Closed',
    explanation:
      'The case is closed and its outcome is on this page; you were emailed when it closed. You can re-refer the employee from the case page.',
    tab: 'closed',
  },
  deleted: {
    label: 'Deleted',
    explanation: 'The referral was deleted and its documents removed.',
    tab: 'deleted',
  },
} as const satisfies Record<string, StatusDefinition>;

export type CaseStatus = keyof typeof CASE_STATUSES;

/** Statuses a clinician may choose when accepting a referral. */
export const ACCEPT_STATUSES = [
  'triage_ima_required',
  'triage_further_evidence_required',
] as const satisfies readonly CaseStatus[];
export type AcceptStatus = (typeof ACCEPT_STATUSES)[number];

export const isCaseStatus = (s: string): s is CaseStatus => Object.hasOwn(CASE_STATUSES, s);

export function statusesInTab(tab: StatusTab): CaseStatus[] {
  return (Object.keys(CASE_STATUSES) as CaseStatus[]).filter((s) => CASE_STATUSES[s].tab === tab);
}

/** Appointments and further-medical-evidence requests on a case. */
export const ACTION_KINDS = { appointment: 'Appointment', evidence: 'Further medical evidence request' } as const;
export type ActionKind = keyof typeof ACTION_KINDS;

export const ACTION_STATUSES = {
  open: { label: 'Open', explanation: 'Booked or requested, not yet happened.' },
  closed: { label: 'Closed', explanation: 'Attended, or the evidence was received.' },
  canx: { label: 'Canx', explanation: 'Cancelled. It can be rebooked.' },
  dna: { label: 'DNA', explanation: 'The employee did not attend. It can be rebooked.' },
} as const;
export type ActionStatus = keyof typeof ACTION_STATUSES;

/** Only an open action changes; cancelled and missed ones are rebooked as new actions. */
export const canMoveAction = (from: ActionStatus, to: ActionStatus) => from === 'open' && to !== 'open';
export const canRebook = (status: ActionStatus) => status === 'canx' || status === 'dna';
