import type { CaseStatus } from '../domain/statuses.ts';

/** The email templates activities can send about a referral. */
type ReferralEmail =
  | 'referral-submitted'
  | 'approval-needed'
  | 'referral-rejected'
  | 'case-accepted'
  | 'appointment-booked'
  | 'appointment-dna'
  | 'advice-letter-available';

export type RecordStatusInput = {
  referralId: string;
  status: CaseStatus;
  /** Unique per transition, so a retried activity writes once. */
  eventKey: string;
  actorId: string | null;
  at: number;
};

export type SendReferralEmailInput = {
  referralId: string;
  template: ReferralEmail;
  eventKey: string;
  actionId?: string;
};
