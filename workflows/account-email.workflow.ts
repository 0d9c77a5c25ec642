/**
 * One emailed account link (activation, password reset) from sending to use or
 * expiry, or one username reminder. The timer lives here; the token lives, hashed,
 * in PostgreSQL.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { DEFAULT_DURATIONS_MS } from '../temporal.config.ts';
import { linkUsedSignal, type AccountEmailInput } from './account-email.messages.ts';
import { DATABASE_WRITE, EMAIL } from './activity-options.ts';

type Activities = ReturnType<typeof createActivities>;
const acts = wf.proxyActivities<Activities>(DATABASE_WRITE);
const mail = wf.proxyActivities<Activities>(EMAIL);

// An invitation activates the account, so it lasts as long as an activation link.
const LIFETIME = {
  activation: DEFAULT_DURATIONS_MS.activationLink,
  'password-reset': DEFAULT_DURATIONS_MS.passwordResetLink,
  invitation: DEFAULT_DURATIONS_MS.activationLink,
} as const;

export async function accountEmailWorkflow(input: AccountEmailInput): Promise<'used' | 'expired' | 'sent'> {
  if (input.kind === 'username-reminder') {
    await mail.sendUsernameReminder({ userId: input.userId, requestId: input.requestId });
    return 'sent';
  }
  // Notices after an administrator's action: one email (two for a changed address), no link to expire.
  if (input.kind === 'account-unlocked') {
    await mail.sendAccountUnlocked({ userId: input.userId, requestId: input.requestId });
    return 'sent';
  }
  if (input.kind === 'email-changed') {
    await mail.sendEmailChanged({ changeId: input.changeId });
    return 'sent';
  }
  let used = false;
  wf.setHandler(linkUsedSignal, () => {
    used = true;
  });
  const lifetime = input.lifetimeMs ?? LIFETIME[input.purpose];
  await mail.issueAccountLink({ tokenId: input.tokenId, expiresAt: Date.now() + lifetime });
  if (await wf.condition(() => used, lifetime)) return 'used';
  await acts.expireAccountLink({ tokenId: input.tokenId });
  return 'expired';
}
