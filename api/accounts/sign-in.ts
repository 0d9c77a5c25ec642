import { User } from '../../db/models/user.ts';
import { findSignInAccount } from '../../db/queries/credentials.ts';
import { firstActiveOrganisationId } from '../../db/queries/memberships.ts';
import {
  countAccountFailure,
  countUnknownUsernameFailure,
  MAX_FAILED_SIGN_INS,
} from '../../db/queries/sign-in-failures.ts';
import { AppError } from '../../domain/errors.ts';
import { auditLog } from '../../services/audit.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { createSession, generateSessionToken } from '../../services/sessions.ts';
import type { AppDeps } from '../context.ts';

const WRONG_CREDENTIALS = 'Enter a correct username and password.';
export const LOCKED_MESSAGE =
  'Your account is locked after 3 incorrect passwords in a row. Your organisation’s user administrator can unlock it, or contact the Casebook service desk.';
const NOT_ACTIVATED =
  'Your account is not active yet. Use the link in the activation email we sent you, or ask for a new one.';

// Compared against when the username is unknown, so both paths take as long.
const dummyHash = hashPassword('casebook timing equaliser');

export type SignInResult = { token: string; twoFactorRequired: boolean };

/**
 * Username and password. Three wrong passwords in a row lock the account. A
 * username without an account counts its wrong passwords and "locks" the same
 * way, so the status, message and work of every answer are the same whether or
 * not the username exists (SPEC: responses never reveal it).
 *
 * Only failures are throttled, per address, so an office behind one proxy can
 * sign in all morning; a throttled address is refused before any password work.
 */
export async function signIn(
  deps: AppDeps,
  input: { username: string; password: string; ip: string | null },
): Promise<SignInResult> {
  const { db } = deps;
  const address = input.ip ?? 'unknown';
  await deps.limits.refuseIfSpent('sign-in-failures-ip', address);
  const user = await findSignInAccount(db, input.username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  const audit = (action: string, organisationId: string | null = null) =>
    auditLog(db, { actorId: user?.id ?? null, organisationId, ip: input.ip })(action);

  if (!user || user.lockedAt || !ok) {
    // A right password on a locked account counts too, so the address's count cannot tell it apart.
    await deps.limits.countFailure('sign-in-failures-ip', address);
    let state: 'wrong' | 'locked-now' | 'locked';
    if (user?.lockedAt) state = 'locked';
    else if (user) state = (await countAccountFailure(db, user.id)) >= MAX_FAILED_SIGN_INS ? 'locked-now' : 'wrong';
    else {
      const failures = await countUnknownUsernameFailure(db, input.username);
      state = failures > MAX_FAILED_SIGN_INS ? 'locked' : failures === MAX_FAILED_SIGN_INS ? 'locked-now' : 'wrong';
    }
    if (state === 'locked') {
      await audit('auth.sign_in_refused_locked');
      throw new AppError('LOCKED', LOCKED_MESSAGE);
    }
    await audit('auth.sign_in_failed');
    if (state === 'locked-now') {
      await audit(user ? 'auth.account_locked' : 'auth.unknown_username_locked');
      throw new AppError('LOCKED', LOCKED_MESSAGE);
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  // Only with the right password do we say more about the account.
  if (user.status === 'pending') throw new AppError('NOT_ACTIVATED', NOT_ACTIVATED);
  const organisationId = user.status === 'active' ? await firstActiveOrganisationId(db, user.id) : undefined;
  if (!organisationId) {
    await deps.limits.countFailure('sign-in-failures-ip', address);
    await audit('auth.sign_in_failed');
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  const token = generateSessionToken();
  await createSession(db, token, user.id, organisationId, Date.now(), { twoFactorPending: user.twoFactorEnabled });
  // With a second factor owed, signing in is not finished yet: completeTwoFactorSignIn records the time.
  const lastLogin = user.twoFactorEnabled ? {} : { lastLoginAt: new Date() };
  await User.query(db)
    .findById(user.id)
    .patch({ failedLoginCount: 0, ...lastLogin });
  await audit(user.twoFactorEnabled ? 'auth.password_accepted' : 'auth.signed_in', organisationId);
  return { token, twoFactorRequired: user.twoFactorEnabled };
}
