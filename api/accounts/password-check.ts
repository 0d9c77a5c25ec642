import { commonWords } from '../../domain/common-words.ts';
import { checkPassword, type PasswordCheck } from '../../domain/password-policy.ts';
import type { AppDeps } from '../context.ts';

/** Every rule the server can judge without the repeat (which the portal compares itself). */
export type PasswordRuleResults = Omit<PasswordCheck, 'matches'>;

/**
 * The portal's live check of a password being chosen, so the common-words
 * list never ships to the browser. Nothing here logs, stores or audits the
 * password or username: they are judged and forgotten. Throttled per address
 * only, since the caller is usually not signed in.
 */
export async function checkPasswordRules(
  deps: AppDeps,
  input: { password: string; username?: string | undefined },
  ip: string | null,
): Promise<PasswordRuleResults> {
  await deps.limits.consume('password-check-ip', [ip ?? 'unknown']);
  const { matches: _, ...rules } = checkPassword(
    { password: input.password, confirmation: input.password, username: input.username ?? '' },
    commonWords(),
  );
  return rules;
}
