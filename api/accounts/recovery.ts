import { randomUUID } from 'node:crypto';
import { User } from '../../db/models/user.ts';
import { findAccountByEmail } from '../../db/queries/accounts.ts';
import { findSignInAccount } from '../../db/queries/credentials.ts';
import { AppError } from '../../domain/errors.ts';
import { commonWords } from '../../domain/common-words.ts';
import { checkPassword, passwordProblem } from '../../domain/password-policy.ts';
import { auditLog } from '../../services/audit.ts';
import { defaultLog } from '../../services/logger.ts';
import { verifyBotCheck } from '../../services/bot-check.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { invalidateOtherSessions } from '../../services/sessions.ts';
import { startAccountEmail } from '../temporal-edge.ts';
import type { AppDeps } from '../context.ts';
import { consumeAccountLink, startAccountLink } from './account-links.ts';
import { BOT_CHECK_FAILED } from './register.ts';

/**
 * Runs the look-up and the emailing after the response is sent: whether the
 * address exists must show neither in the answer nor in how long it took.
 */
function afterResponse(deps: AppDeps, work: () => Promise<void>): void {
  const log = deps.log ?? defaultLog();
  setImmediate(() => void work().catch((error: unknown) => log.error({ err: error }, 'account email request failed')));
}

async function guard(deps: AppDeps, botCheck: string, ip: string | null) {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  if (!(await verifyBotCheck(deps.settings.secret, botCheck)))
    throw new AppError('BAD_REQUEST', BOT_CHECK_FAILED, { botCheck: BOT_CHECK_FAILED });
}

/** Forgot password: a reset link to the registered address, if there is one. */
export async function requestPasswordReset(
  deps: AppDeps,
  input: { email: string; botCheck: string },
  ip: string | null,
): Promise<void> {
  await guard(deps, input.botCheck, ip);
  afterResponse(deps, async () => {
    const user = await findAccountByEmail(deps.db, input.email.trim());
    const audit = auditLog(deps.db, { actorId: user?.id ?? null, organisationId: null, ip });
    await audit('account.password_reset_requested');
    if (user?.status === 'active') await startAccountLink(deps, user.id, 'password-reset');
  });
}

/** Forgot username: the username by email, if the address is registered. */
export async function requestUsernameReminder(
  deps: AppDeps,
  input: { email: string; botCheck: string },
  ip: string | null,
): Promise<void> {
  await guard(deps, input.botCheck, ip);
  afterResponse(deps, async () => {
    const user = await findAccountByEmail(deps.db, input.email.trim());
    if (!user) return;
    const requestId = randomUUID();
    await startAccountEmail(deps, { kind: 'username-reminder', userId: user.id, requestId });
  });
}

/**
 * Sets a new password from an emailed link: the same rules as registration,
 * the email must be the account's, and it unlocks the account and ends its sessions.
 * An operator's invitation is such a link too: it sets the first password and
 * activates the account, as following an activation link would.
 */
export async function resetPassword(
  deps: AppDeps,
  input: { token: string; email: string; password: string; passwordConfirmation: string },
  ip: string | null,
): Promise<void> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const link = await deps.db.transaction(async (trx) => {
    let username = '';
    const used = await consumeAccountLink(deps, trx, input.token, ['password-reset', 'invitation'], async (id) => {
      const user = await User.query(trx).findById(id).select('email', 'username');
      username = user?.username ?? '';
      return !!user && user.email.toLowerCase() === input.email.trim().toLowerCase();
    });
    const problem = passwordProblem(
      checkPassword({ password: input.password, confirmation: input.passwordConfirmation, username }, commonWords()),
    );
    // Thrown inside the transaction, so the link stays usable for a corrected attempt.
    if (problem) throw new AppError('BAD_REQUEST', problem, { password: problem });
    const userId = used.userId;
    const hash = await hashPassword(input.password);
    await User.query(trx)
      .findById(userId)
      .patch({ passwordHash: hash, lockedAt: null, failedLoginCount: 0, updatedAt: new Date() });
    await invalidateOtherSessions(trx, userId);
    const audit = auditLog(trx, { actorId: userId, organisationId: null, ip });
    if (used.purpose === 'invitation') {
      await User.query(trx)
        .findById(userId)
        .where({ status: 'pending' })
        .patch({ status: 'active', activatedAt: new Date() });
      await audit('account.invitation_accepted', { user: userId });
    } else {
      await audit('account.password_reset', { user: userId });
    }
    return used;
  });
  link.confirm();
}

/** "Send the activation email again", offered only to someone who knows the password. */
export async function resendActivation(
  deps: AppDeps,
  input: { username: string; password: string },
  ip: string | null,
): Promise<void> {
  await deps.limits.consume('sign-in-ip', [ip ?? 'unknown']);
  await deps.limits.consume('sign-in-account', [input.username]);
  const user = await findSignInAccount(deps.db, input.username);
  if (user?.status === 'pending' && (await verifyPassword(user.passwordHash, input.password))) {
    await startAccountLink(deps, user.id, 'activation');
  }
}
