import {
  addShare,
  isActiveMember,
  listActiveMembers,
  listShares,
  listSharingOwners,
  removeShare,
  setShareNotify,
} from '../../db/queries/shares.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

/**
 * Sharing (SPEC section 2, My Account → Shared Users): an owner lets another user of the same
 * organisation see all their cases, one way, with copies of the case emails while `notify` is on.
 * The visibility predicate (db/queries/visibility.ts) reads the `shares` table; nothing else does.
 */

/** Whom I share my cases with. */
export function listMyShares(deps: AppDeps, auth: AuthContext) {
  return listShares(deps.db, auth.organisation.id, auth.user.id);
}

/** Whom I may still share with: the organisation's active users, but me and those I share with. */
export async function listShareCandidates(deps: AppDeps, auth: AuthContext) {
  const shared = (await listMyShares(deps, auth)).map((s) => s.viewerId);
  return listActiveMembers(deps.db, auth.organisation.id, [auth.user.id, ...shared]);
}

export async function shareMyCases(deps: AppDeps, auth: AuthContext, viewerId: string, ip: string | null) {
  if (viewerId === auth.user.id) {
    throw new AppError('BAD_REQUEST', 'Choose someone else: you always see your own cases.', {
      viewerId: 'Choose someone else: you always see your own cases',
    });
  }
  if (!(await isActiveMember(deps.db, auth.organisation.id, viewerId))) {
    throw new AppError('BAD_REQUEST', 'Choose an active user of your organisation.', {
      viewerId: 'Choose an active user of your organisation',
    });
  }
  const share = { organisationId: auth.organisation.id, ownerId: auth.user.id, viewerId };
  if (await addShare(deps.db, share)) await auditBy(deps, auth, ip)('share.added', { user: viewerId });
}

export async function setMyShareNotify(
  deps: AppDeps,
  auth: AuthContext,
  viewerId: string,
  notify: boolean,
  ip: string | null,
) {
  const share = { organisationId: auth.organisation.id, ownerId: auth.user.id, viewerId };
  if (!(await setShareNotify(deps.db, share, notify))) throw notFound('That share');
  await auditBy(deps, auth, ip)('share.notify_changed', { user: viewerId }, { notify });
}

export async function unshareMyCases(deps: AppDeps, auth: AuthContext, viewerId: string, ip: string | null) {
  const share = { organisationId: auth.organisation.id, ownerId: auth.user.id, viewerId };
  if (!(await removeShare(deps.db, share))) throw notFound('That share');
  await auditBy(deps, auth, ip)('share.removed', { user: viewerId });
}

/** User Admin, 03 User Shares: everyone of the organisation who shares, with whom. */
export function listOrganisationShares(deps: AppDeps, auth: AuthContext) {
  return listSharingOwners(deps.db, auth.organisation.id);
}

/** User Admin removes a share between two users of the organisation. */
export async function removeUserShare(
  deps: AppDeps,
  auth: AuthContext,
  ownerId: string,
  viewerId: string,
  ip: string | null,
) {
  if (!(await removeShare(deps.db, { organisationId: auth.organisation.id, ownerId, viewerId }))) {
    throw notFound('That share');
  }
  await auditBy(deps, auth, ip)('share.removed_by_admin', { user: ownerId }, { viewer: viewerId });
}
