import { randomUUID } from 'node:crypto';
import { User } from '../../db/models/user.ts';
import type { PageOptions } from '../../db/queries/keyset.ts';
import { listLockedUsers as listLockedAccounts } from '../../db/queries/locked-users.ts';
import { hasMembership } from '../../db/queries/memberships.ts';
import { notFound } from '../../domain/errors.ts';
import { can } from '../../domain/permissions.ts';
import { auditBy } from '../audit.ts';
import { startAccountEmail } from '../temporal-edge.ts';
import type { AppDeps, AuthContext } from '../context.ts';

/** Whose accounts the admin looks after: their organisation's members, or everyone's for the provider's admin. */
const adminScope = (auth: AuthContext) => (can(auth.actor, 'provider.admin') ? undefined : auth.organisation.id);

/**
 * Unlocks an account locked by wrong passwords and emails its owner: the user admin
 * of an organisation the user belongs to, or the provider's admin for anyone.
 * Anyone else, or an account outside the admin's organisation, gets 404.
 */
export async function unlockUser(deps: AppDeps, auth: AuthContext, userId: string, ip: string | null): Promise<void> {
  const organisationId = adminScope(auth);
  const inScope = organisationId
    ? await hasMembership(deps.db, userId, organisationId)
    : (await User.query(deps.db).findById(userId).select('id')) !== undefined;
  if (!inScope) throw notFound('That user');
  const unlocked = await User.query(deps.db)
    .findById(userId)
    .whereNotNull('lockedAt')
    .patch({ lockedAt: null, failedLoginCount: 0, updatedAt: new Date() });
  // Unlocking an account that is not locked changes nothing, and tells nobody.
  if (!unlocked) return;
  const requestId = randomUUID();
  await auditBy(deps, auth, ip)('account.unlocked', { user: userId }, { notice: requestId });
  await startAccountEmail(deps, { kind: 'account-unlocked', userId, requestId });
}

/** Locked accounts the admin may unlock (User Admin, 02 Locked Users), a page at a time. */
export function listLockedUsers(deps: AppDeps, auth: AuthContext, page: PageOptions) {
  return listLockedAccounts(deps.db, { ...page, organisationId: adminScope(auth) });
}
