/**
 * One emailed account link (activation, password reset) from sending to use or
 * expiry, or one username reminder. The timer lives here; the token lives, hashed,
 * in PostgreSQL.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { DEFAULT_DURATIONS_MS } from '../temporal.config.ts';
import { linkUsedSignal, type AccountEmailInput } from './account-email.messages.ts';

const acts = wf.proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

const LIFETIME = { activation: DEFAULT_DURATIONS_MS.activationLink, 'password-reset': DEFAULT_DURATIONS_MS.passwordResetLink } as const;

export async function accountEmailWorkflow(input: AccountEmailInput): Promise<'used' | 'expired' | 'sent'> {
  if (input.kind === 'username-reminder') {
    await acts.sendUsernameReminder({ userId: input.userId, requestId: input.requestId });
    return 'sent';
  }
  let used = false;
  wf.setHandler(linkUsedSignal, () => void (used = true));
  const lifetime = input.lifetimeMs ?? LIFETIME[input.purpose];
  await acts.issueAccountLink({ tokenId: input.tokenId, expiresAt: Date.now() + lifetime });
  if (await wf.condition(() => used, lifetime)) return 'used';
  await acts.expireAccountLink({ tokenId: input.tokenId });
  return 'expired';
}
