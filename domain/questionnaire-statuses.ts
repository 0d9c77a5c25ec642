/**
 * The one catalogue of questionnaire statuses, in the shape of domain/statuses.ts. Requesters see
 * `label` and `explanation`; `tab` decides where Track Questionnaires lists it. None of these names
 * is a referral's draft, rejected or awaiting-approval status, so the one visibility predicate
 * (db/queries/visibility.ts) applies to questionnaires unchanged: the owner, their managers and
 * sharers see them; provider clinicians see every one.
 */
export type QuestionnaireTab = 'pending' | 'review' | 'completed';

export const QUESTIONNAIRE_TABS: Record<QuestionnaireTab, string> = {
  pending: 'Pending Employee Completion',
  review: 'Awaiting Clinical Review',
  completed: 'Completed',
};

type QuestionnaireStatusDefinition = { label: string; explanation: string; tab: QuestionnaireTab };

export const QUESTIONNAIRE_STATUSES = {
  awaiting_employee: {
    label: 'Pending Employee Completion',
    explanation:
      'The employee has been emailed a secure link and has not submitted the questionnaire yet. They are reminded, and the request expires if they never complete it. You can resend it, to a different email address if needed.',
    tab: 'pending',
  },
  returned_to_employee: {
    label: 'Returned to Employee',
    explanation: 'A clinician asked the employee a further question; the employee has been emailed a new link.',
    tab: 'pending',
  },
  awaiting_review: {
    label: 'Awaiting Clinical Review',
    explanation: 'The employee has submitted the questionnaire and a clinician will review it.',
    tab: 'review',
  },
  appointment_required: {
    label: 'Appointment Required',
    explanation: 'The clinician needs to see the employee before giving an outcome; an appointment will be booked.',
    tab: 'review',
  },
  completed: {
    label: 'Completed',
    explanation: 'A clinician has reviewed the questionnaire and given the outcome shown.',
    tab: 'completed',
  },
  referred: {
    label: 'Referred for Full Assessment',
    explanation:
      'The clinician needs a full assessment: a referral with the employee’s details is waiting in your Saved Referrals for you to complete and submit.',
    tab: 'completed',
  },
  expired: {
    label: 'Expired',
    explanation: 'The employee did not complete the questionnaire in time. You can request a new one.',
    tab: 'completed',
  },
} as const satisfies Record<string, QuestionnaireStatusDefinition>;

export type QuestionnaireStatus = keyof typeof QUESTIONNAIRE_STATUSES;

export function questionnaireStatusesInTab(tab: QuestionnaireTab): QuestionnaireStatus[] {
  return (Object.keys(QUESTIONNAIRE_STATUSES) as QuestionnaireStatus[]).filter(
    (s) => QUESTIONNAIRE_STATUSES[s].tab === tab,
  );
}

/** The clinician's outcome of a reviewed questionnaire; a fit one (with adjustments or not) has a certificate. */
export const QUESTIONNAIRE_OUTCOMES = {
  fit: 'Fit',
  fit_with_adjustments: 'Fit with adjustments',
  unfit: 'Unfit',
} as const;
export type QuestionnaireOutcome = keyof typeof QUESTIONNAIRE_OUTCOMES;
export const QUESTIONNAIRE_OUTCOME_KEYS = Object.keys(QUESTIONNAIRE_OUTCOMES) as [
  QuestionnaireOutcome,
  ...QuestionnaireOutcome[],
];
export const hasCertificate = (outcome: string | null) => outcome === 'fit' || outcome === 'fit_with_adjustments';
