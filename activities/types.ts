import type { CaseStatus } from '../domain/statuses.ts';

/** The email templates activities can send about a referral. */
type ReferralEmail =
  | 'referral-submitted'
  | 'approval-needed'
  | 'referral-rejected'
  | 'case-accepted'
  | 'appointment-booked'
  | 'appointment-changed'
  | 'appointment-cancelled'
  | 'appointment-dna'
  | 'advice-letter-available'
  | 'case-closed'
  | 'note-added';

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
