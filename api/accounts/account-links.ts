import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { findUsableAccountLink, markAccountLinkUsed, openAccountLink } from '../../db/queries/auth-tokens.ts';
import { AppError } from '../../domain/errors.ts';
import { hashToken } from '../../services/tokens.ts';
import { DEFAULT_DURATIONS_MS } from '../../temporal.config.ts';
import type { AccountLinkPurpose } from '../../workflows/account-email.messages.ts';
import { signalAccountLinkUsed, startAccountEmail } from '../temporal-edge.ts';
import type { AppDeps } from '../context.ts';

const LINK_UNUSABLE = 'This link has expired or has already been used. Ask for a new one.';

/** What emailing a link needs: the operator's command has no API around it. */
export type AccountLinkDeps = Pick<AppDeps, 'db' | 'temporal'> & {
  settings: Pick<AppDeps['settings'], 'taskQueue' | 'durations'>;
};

// An invitation activates the account, so it lives as long as an activation link.
const lifetimeOf = (deps: AccountLinkDeps, purpose: AccountLinkPurpose) =>
  purpose === 'password-reset' ? deps.settings.durations?.passwordResetLink : deps.settings.durations?.activationLink;

const DEFAULT_LIFETIME = {
  activation: DEFAULT_DURATIONS_MS.activationLink,
  'password-reset': DEFAULT_DURATIONS_MS.passwordResetLink,
  invitation: DEFAULT_DURATIONS_MS.activationLink,
} as const;

export type OpenedLink = { id: string; purpose: AccountLinkPurpose };

/**
 * Opens a single-use link in `db` (the caller's transaction, so it commits with the account it is for);
 * earlier links of the same purpose stop working. Nothing is emailed until sendAccountLink.
 */
export async function openLink(
  deps: AccountLinkDeps,
  db: Knex,
  userId: string,
  purpose: AccountLinkPurpose,
): Promise<OpenedLink> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + (lifetimeOf(deps, purpose) ?? DEFAULT_LIFETIME[purpose]));
  await openAccountLink(db, { id, userId, purpose, expiresAt });
  return { id, purpose };
}

/**
 * Emails an opened link: its workflow (`activation-<id>`, `password-reset-<id>`, `invitation-<id>`) sends it
 * and owns its lifetime. Idempotent: the workflow id is the link's, so a second call reaches the same run.
 */
export async function sendAccountLink(deps: AccountLinkDeps, link: OpenedLink): Promise<void> {
  const lifetime = lifetimeOf(deps, link.purpose);
  await startAccountEmail(deps, {
    kind: 'link',
    purpose: link.purpose,
    tokenId: link.id,
    ...(lifetime ? { lifetimeMs: lifetime } : {}),
  });
}

/** Opens a link and emails it. */
export async function startAccountLink(
  deps: AccountLinkDeps,
  userId: string,
  purpose: AccountLinkPurpose,
): Promise<void> {
  await sendAccountLink(deps, await openLink(deps, deps.db, userId, purpose));
}

/**
 * Uses a link once, inside the caller's transaction. Returns its user and purpose (one of `purposes`), and
 * `confirm` to call after the commit (it ends the workflow's wait); refuses with
 * one message whatever the reason (unknown, used, expired), so it reveals nothing.
 */
export async function consumeAccountLink(
  deps: AppDeps,
  trx: Knex,
  token: string,
  purposes: AccountLinkPurpose | readonly AccountLinkPurpose[],
  check?: (userId: string) => Promise<boolean>,
): Promise<{ userId: string; purpose: AccountLinkPurpose; confirm(): void }> {
  const row = await findUsableAccountLink(trx, hashToken(token), typeof purposes === 'string' ? [purposes] : purposes);
  if (!row || (check && !(await check(row.userId)))) throw new AppError('BAD_REQUEST', LINK_UNUSABLE);
  if (!(await markAccountLinkUsed(trx, row.id))) throw new AppError('BAD_REQUEST', LINK_UNUSABLE);
  return {
    userId: row.userId,
    purpose: row.purpose,
    confirm: () => signalAccountLinkUsed(deps, row.purpose, row.id),
  };
}
