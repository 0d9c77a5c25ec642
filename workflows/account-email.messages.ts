import { defineSignal } from '@temporalio/workflow';

/**
 * Emails about an account: single-use links (activation, password reset, an
 * operator's invitation to set a first password) whose lifetime the workflow owns,
 * and the username reminder. Payloads hold ids only: the secret token is made,
 * hashed and emailed inside an activity.
 */
export type AccountLinkPurpose = 'activation' | 'password-reset' | 'invitation';
export type AccountEmailInput =
  | { kind: 'link'; purpose: AccountLinkPurpose; tokenId: string; lifetimeMs?: number }
  | { kind: 'username-reminder'; userId: string; requestId: string }
  /** An administrator unlocked the account (one email per unlock, keyed by its request). */
  | { kind: 'account-unlocked'; userId: string; requestId: string }
  /** A provider admin changed the registered email: the notice goes to the old and the new address. */
  | { kind: 'email-changed'; changeId: string };

export const ACCOUNT_EMAIL_WORKFLOW_TYPE = 'accountEmailWorkflow';

/** The link was used: the workflow can end before its timer. */
export const linkUsedSignal = defineSignal('linkUsed');
