import type { Knex } from 'knex';
import { RecoveryCode } from '../models/recovery-code.ts';
import { User, type UserStatus } from '../models/user.ts';

/*
 * The only reads of password hashes and second-factor keys: for checking what
 * someone typed, never for an answer. Everything else selects profile columns.
 */

export type SignInAccount = {
  id: string;
  passwordHash: string;
  status: UserStatus;
  lockedAt: Date | null;
  twoFactorEnabled: boolean;
};

/** The account a username names, whatever its case, with what signing in checks. */
export async function findSignInAccount(db: Knex, username: string): Promise<SignInAccount | undefined> {
  return User.query(db)
    .whereRaw('lower(username) = lower(?)', [username])
    .first()
    .select('id', 'passwordHash', 'status', 'lockedAt', 'twoFactorEnabled');
}

export async function passwordHashOf(db: Knex, userId: string): Promise<string | undefined> {
  return (await User.query(db).findById(userId).select('passwordHash'))?.passwordHash;
}

/** The user's authenticator key (in force, or being set up), or null. */
export async function totpKeyOf(db: Knex, userId: string): Promise<Uint8Array | null> {
  const user = await User.query(db).findById(userId).select('totpKey');
  return user?.totpKey ? new Uint8Array(user.totpKey) : null;
}

/** The user's recovery codes become these (hashes); earlier ones stop working. */
export async function replaceRecoveryCodes(db: Knex, userId: string, codeHashes: string[]): Promise<void> {
  await User.relatedQuery('recoveryCodes', db).for(userId).delete();
  if (codeHashes.length) await RecoveryCode.query(db).insert(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses an unused recovery code once; false when the user has no such code left. One statement, so it works once. */
export async function useRecoveryCode(db: Knex, userId: string, codeHash: string): Promise<boolean> {
  const used = await User.relatedQuery('recoveryCodes', db)
    .for(userId)
    .where({ codeHash })
    .whereNull('usedAt')
    .patch({ usedAt: new Date() });
  return used === 1;
}
