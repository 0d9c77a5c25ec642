import type { Knex } from 'knex';
import type { AccountLinkPurpose } from '../../workflows/account-email.messages.ts';
import { AuthToken } from '../models/auth-token.ts';

/*
 * Single-use emailed links (activation, password reset). A link is opened with a
 * placeholder hash that matches no token; the account-email workflow's activity
 * makes the real token, keeps its hash and emails it.
 */

/** A new link for the user; their earlier links of the same purpose stop working. */
export async function openAccountLink(
  db: Knex,
  link: { id: string; userId: string; purpose: AccountLinkPurpose; expiresAt: Date },
): Promise<void> {
  await db.transaction(async (trx) => {
    await AuthToken.query(trx)
      .modify('unspent')
      .where({ userId: link.userId, purpose: link.purpose })
      .patch({ invalidatedAt: new Date() });
    await AuthToken.query(trx).insert({ ...link, tokenHash: `pending:${link.id}` });
  });
}

/** The link a token opens, when it is still usable (not used, withdrawn or expired). */
export async function findUsableAccountLink(
  db: Knex,
  tokenHash: string,
  purposes: readonly AccountLinkPurpose[],
): Promise<{ id: string; userId: string; purpose: AccountLinkPurpose } | undefined> {
  return AuthToken.query(db)
    .modify('unspent')
    .where({ tokenHash })
    .whereIn('purpose', purposes)
    .where('expiresAt', '>', new Date())
    .first()
    .select('id', 'userId', 'purpose');
}

/** The user's link of this purpose that still works, if any (an invitation already on its way). */
export async function findOpenAccountLink(
  db: Knex,
  userId: string,
  purpose: AccountLinkPurpose,
): Promise<{ id: string; expiresAt: Date } | undefined> {
  return AuthToken.query(db)
    .modify('unspent')
    .where({ userId, purpose })
    .where('expiresAt', '>', new Date())
    .orderBy('createdAt', 'desc')
    .first()
    .select('id', 'expiresAt');
}

/** Marks the link used; false when something else used it first. */
export async function markAccountLinkUsed(db: Knex, id: string): Promise<boolean> {
  return (await AuthToken.query(db).findById(id).whereNull('usedAt').patch({ usedAt: new Date() })) === 1;
}

/** A link about to be emailed, with its state and its user's contact details. */
export async function findAccountLinkToSend(db: Knex, id: string) {
  const link = await AuthToken.query(db)
    .findById(id)
    .select('auth_tokens.id', 'auth_tokens.purpose', 'auth_tokens.usedAt', 'auth_tokens.invalidatedAt')
    .withGraphJoined('user(contact)')
    .modifiers({ contact: (query) => query.select('id', 'email', 'username', 'firstName', 'surname') });
  return link?.user
    ? { purpose: link.purpose, spent: !!(link.usedAt || link.invalidatedAt), user: link.user }
    : undefined;
}

/** The link's real token (its hash) and expiry, set when the email goes. */
export async function setAccountLinkToken(db: Knex, id: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await AuthToken.query(db).findById(id).patch({ tokenHash, expiresAt });
}

/** The lifetime ran out: the link stops working, even if a clock elsewhere is wrong. */
export async function expireAccountLink(db: Knex, id: string): Promise<void> {
  await AuthToken.query(db).findById(id).modify('unspent').patch({ invalidatedAt: new Date() });
}
