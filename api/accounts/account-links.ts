import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { findUsableAccountLink, markAccountLinkUsed, openAccountLink } from '../../db/queries/auth-tokens.ts';
import { AppError } from '../../domain/errors.ts';
import { hashToken } from '../../services/tokens.ts';
import type { AccountLinkPurpose } from '../../workflows/account-email.messages.ts';
import { signalAccountLinkUsed, startAccountEmail } from '../temporal-edge.ts';
import type { AppDeps } from '../context.ts';

const LINK_UNUSABLE = 'This link has expired or has already been used. Ask for a new one.';

const lifetimeOf = (deps: AppDeps, purpose: AccountLinkPurpose) =>
  purpose === 'activation' ? deps.settings.durations?.activationLink : deps.settings.durations?.passwordResetLink;

/**
 * Emails a single-use link. Earlier links of the same purpose stop working; the
 * workflow (`activation-<id>`, `password-reset-<id>`) sends it and owns its lifetime.
 */
export async function startAccountLink(deps: AppDeps, userId: string, purpose: AccountLinkPurpose): Promise<void> {
  const id = randomUUID();
  const lifetime = lifetimeOf(deps, purpose);
  const expiresAt = new Date(Date.now() + (lifetime ?? 7 * 86_400_000));
  await openAccountLink(deps.db, { id, userId, purpose, expiresAt });
  await startAccountEmail(deps, { kind: 'link', purpose, tokenId: id, ...(lifetime ? { lifetimeMs: lifetime } : {}) });
}

/**
 * Uses a link once, inside the caller's transaction. Returns its user, and
 * `confirm` to call after the commit (it ends the workflow's wait); refuses with
 * one message whatever the reason (unknown, used, expired), so it reveals nothing.
 */
export async function consumeAccountLink(
  deps: AppDeps,
  trx: Knex,
  token: string,
  purpose: AccountLinkPurpose,
  check?: (userId: string) => Promise<boolean>,
): Promise<{ userId: string; confirm(): void }> {
  const row = await findUsableAccountLink(trx, hashToken(token), purpose);
  if (!row || (check && !(await check(row.userId)))) throw new AppError('BAD_REQUEST', LINK_UNUSABLE);
  if (!(await markAccountLinkUsed(trx, row.id))) throw new AppError('BAD_REQUEST', LINK_UNUSABLE);
  return {
    userId: row.userId,
    confirm: () => signalAccountLinkUsed(deps, purpose, row.id),
  };
}
