import { User } from '../../db/models/user.ts';
import { passwordHashOf } from '../../db/queries/credentials.ts';
import { AppError } from '../../domain/errors.ts';
import { commonWords } from '../../domain/common-words.ts';
import { checkPassword, passwordProblem } from '../../domain/password-policy.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { invalidateOtherSessions } from '../../services/sessions.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

export type AccountDetails = {
  title: string;
  firstName: string;
  surname: string;
  workAddress: string;
  workPostcode: string;
  jobTitle: string;
  telephone: string;
};

const LABELS: Record<keyof AccountDetails, string> = {
  title: 'title',
  firstName: 'first name',
  surname: 'surname',
  workAddress: 'work address',
  workPostcode: 'work post code',
  jobTitle: 'job title',
  telephone: 'contact telephone number',
};

/** My Account, tab 1: the user's own details. Username and email are not editable here. */
export async function updateAccountDetails(
  deps: AppDeps,
  auth: AuthContext,
  details: AccountDetails,
  ip: string | null,
): Promise<void> {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(LABELS) as (keyof AccountDetails)[]) {
    const value = details[key].trim();
    if (!value) errors[key] = `Enter your ${LABELS[key]}`;
    else if (!/[\p{L}\p{N}]/u.test(value)) errors[key] = 'Must contain at least 1 letter or number';
  }
  if (Object.keys(errors).length)
    throw new AppError('BAD_REQUEST', 'Check your details: some need correcting.', errors);
  const fields = Object.keys(LABELS) as (keyof AccountDetails)[];
  const trimmed = Object.fromEntries(fields.map((key) => [key, details[key].trim()]));
  await User.query(deps.db)
    .findById(auth.user.id)
    .patch({ ...trimmed, updatedAt: new Date() });
  await auditBy(deps, auth, ip)('account.details_changed', { user: auth.user.id });
}

/** Changes the password with the current one; every other session of the user ends. */
export async function changePassword(
  deps: AppDeps,
  auth: AuthContext,
  input: { currentPassword: string; password: string; passwordConfirmation: string },
  ip: string | null,
): Promise<void> {
  await deps.limits.refuseIfSpent('account-failures', auth.user.username);
  const passwordHash = await passwordHashOf(deps.db, auth.user.id);
  if (!passwordHash || !(await verifyPassword(passwordHash, input.currentPassword))) {
    await deps.limits.countFailure('account-failures', auth.user.username);
    throw new AppError('BAD_REQUEST', 'Your current password is not right.', {
      currentPassword: 'Your current password is not right',
    });
  }
  const problem = passwordProblem(
    checkPassword(
      { password: input.password, confirmation: input.passwordConfirmation, username: auth.user.username },
      commonWords(),
    ),
  );
  if (problem) throw new AppError('BAD_REQUEST', problem, { password: problem });
  if (await verifyPassword(passwordHash, input.password)) {
    throw new AppError('BAD_REQUEST', 'Choose a password different from your current one.', {
      password: 'Choose a password different from your current one',
    });
  }
  const newHash = await hashPassword(input.password);
  await deps.db.transaction(async (trx) => {
    await User.query(trx).findById(auth.user.id).patch({ passwordHash: newHash, updatedAt: new Date() });
    await invalidateOtherSessions(trx, auth.user.id, auth.sessionToken);
    await auditBy(deps, auth, ip, trx)('account.password_changed', { user: auth.user.id });
  });
}
