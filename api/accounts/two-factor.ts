import { User } from '../../db/models/user.ts';
import { replaceRecoveryCodes, totpKeyOf, useRecoveryCode } from '../../db/queries/credentials.ts';
import { AppError } from '../../domain/errors.ts';
import { auditLog } from '../../services/audit.ts';
import { updateSession } from '../../services/sessions.ts';
import {
  enrolmentDetails,
  generateRecoveryCodes,
  generateTotpKey,
  hashRecoveryCode,
  verifyTotp,
} from '../../services/two-factor.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

const WRONG_CODE =
  'The code is not right. Enter the 6-digit code your authenticator app shows now, or a recovery code.';

/** Starts enrolment: a new key, not yet in force, shown as a QR code and as text. */
export async function beginTwoFactorSetup(deps: AppDeps, auth: AuthContext) {
  // Replacing the key in force before the new one is confirmed could lock the user out.
  if (auth.twoFactorEnabled)
    throw new AppError(
      'INVALID_STATE',
      'Two-factor authentication is already on. Turn it off first to set up a new device.',
    );
  const key = generateTotpKey();
  await User.query(deps.db)
    .findById(auth.user.id)
    .patch({ totpKey: Buffer.from(key) });
  return enrolmentDetails(key, auth.user.username);
}

/** Confirms enrolment with a first code; returns the ten recovery codes, shown once. */
export async function confirmTwoFactorSetup(
  deps: AppDeps,
  auth: AuthContext,
  code: string,
  ip: string | null,
): Promise<string[]> {
  const key = await totpKeyOf(deps.db, auth.user.id);
  if (!key) throw new AppError('INVALID_STATE', 'Start setting up two-factor authentication first.');
  if (!verifyTotp(key, code.trim())) throw new AppError('BAD_REQUEST', WRONG_CODE, { code: WRONG_CODE });
  const codes = generateRecoveryCodes();
  await deps.db.transaction(async (trx) => {
    await User.query(trx).findById(auth.user.id).patch({ twoFactorEnabled: true });
    await replaceRecoveryCodes(trx, auth.user.id, codes.map(hashRecoveryCode));
    await auditBy(deps, auth, ip, trx)('auth.two_factor_enabled');
  });
  return codes;
}

export async function disableTwoFactor(deps: AppDeps, auth: AuthContext, ip: string | null): Promise<void> {
  if (auth.organisation.requiresTwoFactor)
    throw new AppError(
      'FORBIDDEN',
      'Your organisation requires two-factor authentication, so it cannot be turned off.',
    );
  await deps.db.transaction(async (trx) => {
    await User.query(trx).findById(auth.user.id).patch({ twoFactorEnabled: false, totpKey: null });
    await replaceRecoveryCodes(trx, auth.user.id, []);
    await auditBy(deps, auth, ip, trx)('auth.two_factor_disabled');
  });
}

/** The second step of signing in: a current code or an unused recovery code. */
export async function completeTwoFactorSignIn(
  deps: AppDeps,
  pending: { token: string; userId: string },
  input: { code?: string | undefined; recoveryCode?: string | undefined },
  ip: string | null,
): Promise<void> {
  const throttleKey = `2fa:${pending.userId}`;
  await deps.limits.refuseIfSpent('account-failures', throttleKey);
  const audit = auditLog(deps.db, { actorId: pending.userId, organisationId: null, ip });
  const key = input.code ? await totpKeyOf(deps.db, pending.userId) : null;
  let ok = !!(input.code && key && verifyTotp(key, input.code.trim()));
  if (!ok && input.recoveryCode) {
    ok = await useRecoveryCode(deps.db, pending.userId, hashRecoveryCode(input.recoveryCode));
    if (ok) await audit('auth.recovery_code_used');
  }
  if (!ok) {
    await deps.limits.countFailure('account-failures', throttleKey);
    await audit('auth.two_factor_failed');
    throw new AppError('UNAUTHENTICATED', WRONG_CODE, { code: WRONG_CODE });
  }
  await updateSession(deps.db, pending.token, { twoFactorPending: false });
  await User.query(deps.db).findById(pending.userId).patch({ lastLoginAt: new Date() });
  await audit('auth.signed_in');
}
