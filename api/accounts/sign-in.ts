import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../../services/audit.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { createSession, generateSessionToken } from '../../services/sessions.ts';
import type { AppDeps } from '../context.ts';

export const MAX_FAILED_SIGN_INS = 3;
export const WRONG_CREDENTIALS = 'Enter a correct username and password.';
export const LOCKED_MESSAGE =
  'Your account is locked after 3 incorrect passwords in a row. Your organisation’s user administrator can unlock it, or contact the Casebook service desk.';
export const NOT_ACTIVATED =
  'Your account is not active yet. Use the link in the activation email we sent you, or ask for a new one.';

// Compared against when the username is unknown, so both paths take as long.
const dummyHash = hashPassword('casebook timing equaliser');

export type SignInResult = { token: string; twoFactorRequired: boolean };

/**
 * Username and password. Three wrong passwords in a row lock the account; an
 * unknown username and a wrong password get the same answer.
 */
export async function signIn(deps: AppDeps, input: { username: string; password: string; ip: string | null }): Promise<SignInResult> {
  const { db } = deps;
  await deps.limits.consume('sign-in-ip', [input.ip ?? 'unknown']);
  await deps.limits.consume('sign-in-account', [input.username]);
  const user = await db('users').whereRaw('lower(username) = lower(?)', [input.username])
    .first('id', 'passwordHash', 'status', 'lockedAt', 'failedLoginCount', 'twoFactorEnabled');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  const audit = (action: string, organisationId: string | null = null) =>
    recordAudit(db, { actorId: user?.id ?? null, organisationId, action, ip: input.ip });

  if (!user) {
    await audit('auth.sign_in_failed');
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  if (user.lockedAt) {
    await audit('auth.sign_in_refused_locked');
    throw new AppError('LOCKED', LOCKED_MESSAGE);
  }
  if (!ok) {
    // One statement, so two wrong passwords at once cannot both see a count of 1.
    const [row] = await db('users').where({ id: user.id })
      .update({ failedLoginCount: db.raw('failed_login_count + 1'), lockedAt: db.raw('case when failed_login_count + 1 >= ? then now() else locked_at end', [MAX_FAILED_SIGN_INS]) })
      .returning(['failedLoginCount', 'lockedAt']);
    await audit('auth.sign_in_failed');
    if (row.lockedAt) {
      await audit('auth.account_locked');
      throw new AppError('LOCKED', LOCKED_MESSAGE);
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  // Only with the right password do we say more about the account.
  if (user.status === 'pending') throw new AppError('NOT_ACTIVATED', NOT_ACTIVATED);
  const membership = user.status === 'active'
    ? await db('memberships').where({ userId: user.id, status: 'active' }).orderBy('createdAt').first('organisationId')
    : undefined;
  if (!membership) {
    await audit('auth.sign_in_failed');
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  const token = generateSessionToken();
  await createSession(db, token, user.id, membership.organisationId, Date.now(), { twoFactorPending: user.twoFactorEnabled });
  await db('users').where({ id: user.id }).update({ failedLoginCount: 0, ...(user.twoFactorEnabled ? {} : { lastLoginAt: new Date() }) });
  await audit(user.twoFactorEnabled ? 'auth.password_accepted' : 'auth.signed_in', membership.organisationId);
  return { token, twoFactorRequired: user.twoFactorEnabled };
}
