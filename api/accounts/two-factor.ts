import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../../services/audit.ts';
import { updateSession } from '../../services/sessions.ts';
import { enrolmentDetails, generateRecoveryCodes, generateTotpKey, hashRecoveryCode, verifyTotp } from '../../services/two-factor.ts';
import type { AppDeps, AuthContext } from '../context.ts';

const WRONG_CODE = 'The code is not right. Enter the 6-digit code your authenticator app shows now, or a recovery code.';

/** Starts enrolment: a new key, not yet in force, shown as a QR code and as text. */
export async function beginTwoFactorSetup(deps: AppDeps, auth: AuthContext) {
  // Replacing the key in force before the new one is confirmed could lock the user out.
  if (auth.twoFactorEnabled) throw new AppError('INVALID_STATE', 'Two-factor authentication is already on. Turn it off first to set up a new device.');
  const key = generateTotpKey();
  await deps.db('users').where({ id: auth.user.id }).update({ totpKey: Buffer.from(key) });
  return enrolmentDetails(key, auth.user.username);
}

/** Confirms enrolment with a first code; returns the ten recovery codes, shown once. */
export async function confirmTwoFactorSetup(deps: AppDeps, auth: AuthContext, code: string, ip: string | null): Promise<string[]> {
  const user = await deps.db('users').where({ id: auth.user.id }).first('totpKey');
  if (!user?.totpKey) throw new AppError('INVALID_STATE', 'Start setting up two-factor authentication first.');
  if (!verifyTotp(new Uint8Array(user.totpKey), code.trim())) throw new AppError('BAD_REQUEST', WRONG_CODE, { code: WRONG_CODE });
  const codes = generateRecoveryCodes();
  await deps.db.transaction(async (trx) => {
    await trx('users').where({ id: auth.user.id }).update({ twoFactorEnabled: true });
    await trx('recovery_codes').where({ userId: auth.user.id }).delete();
    await trx('recovery_codes').insert(codes.map((c) => ({ userId: auth.user.id, codeHash: hashRecoveryCode(c) })));
    await recordAudit(trx, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'auth.two_factor_enabled', ip });
  });
  return codes;
}

export async function disableTwoFactor(deps: AppDeps, auth: AuthContext, ip: string | null): Promise<void> {
  if (auth.organisation.requiresTwoFactor) throw new AppError('FORBIDDEN', 'Your organisation requires two-factor authentication, so it cannot be turned off.');
  await deps.db.transaction(async (trx) => {
    await trx('users').where({ id: auth.user.id }).update({ twoFactorEnabled: false, totpKey: null });
    await trx('recovery_codes').where({ userId: auth.user.id }).delete();
    await recordAudit(trx, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'auth.two_factor_disabled', ip });
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
  const user = await deps.db('users').where({ id: pending.userId }).first('totpKey');
  let ok = false;
  if (input.code && user?.totpKey) ok = verifyTotp(new Uint8Array(user.totpKey), input.code.trim());
  if (!ok && input.recoveryCode) {
    const used = await deps.db('recovery_codes')
      .where({ userId: pending.userId, codeHash: hashRecoveryCode(input.recoveryCode) }).whereNull('usedAt')
      .update({ usedAt: new Date() });
    ok = used === 1;
    if (ok) await recordAudit(deps.db, { actorId: pending.userId, organisationId: null, action: 'auth.recovery_code_used', ip });
  }
  if (!ok) {
    await deps.limits.countFailure('account-failures', throttleKey);
    await recordAudit(deps.db, { actorId: pending.userId, organisationId: null, action: 'auth.two_factor_failed', ip });
    throw new AppError('UNAUTHENTICATED', WRONG_CODE, { code: WRONG_CODE });
  }
  await updateSession(deps.db, pending.token, { twoFactorPending: false });
  await deps.db('users').where({ id: pending.userId }).update({ lastLoginAt: new Date() });
  await recordAudit(deps.db, { actorId: pending.userId, organisationId: null, action: 'auth.signed_in', ip });
}
