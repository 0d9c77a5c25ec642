import { notFound } from '../../domain/errors.ts';
import { can } from '../../domain/permissions.ts';
import { recordAudit } from '../../services/audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

/**
 * Unlocks an account locked by wrong passwords: the user admin of an
 * organisation the user belongs to, or the provider's admin for anyone.
 * Anyone else, or an account outside the admin's organisation, gets 404.
 */
export async function unlockUser(deps: AppDeps, auth: AuthContext, userId: string, ip: string | null): Promise<void> {
  const providerAdmin = can(auth.actor, 'provider.admin');
  const query = deps.db('users as u').where('u.id', userId);
  if (!providerAdmin) {
    query.whereExists(deps.db('memberships as m').whereRaw('m.user_id = u.id').where('m.organisation_id', auth.organisation.id));
  }
  const user = await query.first('u.id');
  if (!user) throw notFound('That user');
  await deps.db('users').where({ id: userId }).update({ lockedAt: null, failedLoginCount: 0, updatedAt: new Date() });
  await recordAudit(deps.db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'account.unlocked', targetType: 'user', targetId: userId, ip });
}

/** Locked accounts the admin may unlock (User Admin, 02 Locked Users). */
export function listLockedUsers(deps: AppDeps, auth: AuthContext) {
  const query = deps.db('users as u').whereNotNull('u.locked_at').orderBy('u.surname')
    .select('u.id', 'u.first_name', 'u.surname', 'u.username', 'u.job_title', 'u.locked_at');
  if (!can(auth.actor, 'provider.admin')) {
    query.whereExists(deps.db('memberships as m').whereRaw('m.user_id = u.id').where('m.organisation_id', auth.organisation.id));
  }
  return query as Promise<{ id: string; firstName: string; surname: string; username: string; jobTitle: string | null; lockedAt: Date }[]>;
}
