import type { Knex } from 'knex';
import {
  countOtherUserAdmins,
  disableAccount,
  enableAccount,
  type ExportedUser,
  exportOrganisationUsers,
  findMember,
  listManagerCandidates,
  listOrganisationUsers,
  lockOrganisation,
  type MemberDetail,
  memberOrganisationIds,
  reportsTo,
  setMembershipAccess,
  type UserListOptions,
} from '../../db/queries/user-admin.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import {
  grantablePermissions,
  isUserAdmin,
  PERMISSION_LABELS,
  type Permission,
  PERMISSIONS,
  providerOnlyOf,
} from '../../domain/permissions.ts';
import { ACCOUNT_STATE_LABELS, accountStateOf, REFUSALS } from '../../domain/user-admin.ts';
import { DATE_TIME_FORMAT, type SheetColumn, streamWorkbook } from '../../services/excel.ts';
import { londonWallClock } from '../../services/london-time.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';

/**
 * User Admin (the user admin permission): the organisation's own members only. A user
 * outside the admin's organisation is 404, as if there were none. Every change is
 * audited in the transaction that makes it, and refused with words from domain/user-admin.ts.
 */
const nameOf = (m: { firstName: string; surname: string }) => `${m.firstName} ${m.surname}`;

/** 01 All Users. */
export function listUsers(deps: AppDeps, auth: AuthContext, options: Omit<UserListOptions, 'organisationId'>) {
  return listOrganisationUsers(deps.db, { ...options, organisationId: auth.organisation.id });
}

async function memberOrNotFound(db: Knex, organisationId: string, userId: string): Promise<MemberDetail> {
  const member = await findMember(db, organisationId, userId);
  if (!member) throw notFound('That user');
  return member;
}

/** One member as the user page shows them: details, state, permissions, manager, and the choices for each. */
export async function getUser(deps: AppDeps, auth: AuthContext, userId: string) {
  const member = await memberOrNotFound(deps.db, auth.organisation.id, userId);
  const { membershipId: _, status, lockedAt, ...shown } = member;
  return {
    ...shown,
    state: accountStateOf({ status, lockedAt }),
    lockedAt,
    grantable: grantablePermissions(auth.organisation.isProvider),
    managerChoices: await listManagerCandidates(deps.db, auth.organisation.id, userId),
  };
}

/** Would the organisation still have an active user admin without this member's? Refuses when not. */
async function keepAnAdmin(trx: Knex, organisationId: string, isProvider: boolean, member: MemberDetail, why: string) {
  if (member.status !== 'active' || !isUserAdmin(member.permissions, isProvider)) return;
  if ((await countOtherUserAdmins(trx, organisationId, member.id, isProvider)) === 0) {
    throw new AppError('CONFLICT', why);
  }
}

/**
 * Sets a member's permissions and manager. Takes effect on their next request (the session's
 * permissions are read from the membership on every request: api/auth/load-auth-context.ts).
 */
export async function setUserAccess(
  deps: AppDeps,
  auth: AuthContext,
  userId: string,
  input: { permissions: Permission[]; managerId: string | null },
  ip: string | null,
): Promise<void> {
  const organisationId = auth.organisation.id;
  const permissions = PERMISSIONS.filter((p) => input.permissions.includes(p));
  await deps.db.transaction(async (trx) => {
    const { isProvider } = await lockOrganisation(trx, organisationId);
    const member = await memberOrNotFound(trx, organisationId, userId);
    const refused = isProvider ? [] : providerOnlyOf(permissions);
    if (refused.length) {
      const labels = refused.map((p) => PERMISSION_LABELS[p]).join(' and ');
      throw new AppError('BAD_REQUEST', REFUSALS.notGrantable(labels), { permissions: REFUSALS.notGrantable(labels) });
    }
    const managerId = input.managerId;
    if (managerId && managerId !== member.managerId) {
      if (managerId === userId) {
        throw new AppError('BAD_REQUEST', REFUSALS.managerSelf, { managerId: REFUSALS.managerSelf });
      }
      const manager = await findMember(trx, organisationId, managerId);
      if (manager?.status !== 'active') {
        throw new AppError('BAD_REQUEST', REFUSALS.managerNotMember, { managerId: REFUSALS.managerNotMember });
      }
      if (await reportsTo(trx, organisationId, managerId, userId)) {
        const message = REFUSALS.managerBelow(nameOf(manager), nameOf(member));
        throw new AppError('CONFLICT', message, { managerId: message });
      }
    }
    if (!isUserAdmin(permissions, isProvider)) {
      await keepAnAdmin(trx, organisationId, isProvider, member, REFUSALS.lastAdmin(nameOf(member)));
    }
    await setMembershipAccess(trx, member.membershipId, { permissions, managerId });
    const audit = auditBy(deps, auth, ip, trx);
    const added = permissions.filter((p) => !member.permissions.includes(p));
    const removed = member.permissions.filter((p) => !permissions.includes(p));
    if (added.length || removed.length) {
      await audit('user.permissions_changed', { user: userId }, { added: added.join(','), removed: removed.join(',') });
    }
    if (managerId !== member.managerId) {
      await audit('user.manager_changed', { user: userId }, { from: member.managerId, to: managerId });
    }
  });
}

/** Disable: the account can no longer sign in, and its sessions end now. Never one's own, nor the last user admin. */
export async function disableUser(deps: AppDeps, auth: AuthContext, userId: string, ip: string | null) {
  if (userId === auth.user.id) throw new AppError('CONFLICT', REFUSALS.selfDisable);
  await deps.db.transaction(async (trx) => {
    const { isProvider } = await lockOrganisation(trx, auth.organisation.id);
    const member = await memberOrNotFound(trx, auth.organisation.id, userId);
    if (member.status === 'disabled') throw new AppError('CONFLICT', REFUSALS.alreadyDisabled);
    // The account is disabled everywhere: no organisation it administers may be left without a user admin.
    for (const organisationId of await memberOrganisationIds(trx, userId)) {
      const there =
        organisationId === auth.organisation.id
          ? { isProvider, member }
          : {
              isProvider: (await lockOrganisation(trx, organisationId)).isProvider,
              member: await findMember(trx, organisationId, userId),
            };
      if (there.member)
        await keepAnAdmin(
          trx,
          organisationId,
          there.isProvider,
          there.member,
          REFUSALS.lastAdminDisable(nameOf(member)),
        );
    }
    await disableAccount(trx, userId);
    await auditBy(deps, auth, ip, trx)('account.disabled', { user: userId });
  });
}

export async function enableUser(deps: AppDeps, auth: AuthContext, userId: string, ip: string | null) {
  await deps.db.transaction(async (trx) => {
    await lockOrganisation(trx, auth.organisation.id);
    await memberOrNotFound(trx, auth.organisation.id, userId);
    if (!(await enableAccount(trx, userId))) throw new AppError('CONFLICT', REFUSALS.notDisabled);
    await auditBy(deps, auth, ip, trx)('account.enabled', { user: userId });
  });
}

const USER_COLUMNS: SheetColumn<ExportedUser>[] = [
  { header: 'Full Name', width: 30, value: (u) => nameOf(u) },
  { header: 'Username', width: 24, value: (u) => u.username },
  { header: 'Email', width: 34, value: (u) => u.email },
  { header: 'Job Title', width: 26, value: (u) => u.jobTitle ?? '' },
  { header: 'Account State', width: 20, value: (u) => ACCOUNT_STATE_LABELS[u.state] },
  {
    header: 'Last Sign-in',
    width: 18,
    numFmt: DATE_TIME_FORMAT,
    value: (u) => (u.lastLoginAt ? londonWallClock(new Date(u.lastLoginAt)) : null),
  },
];

/** Export Users: every member of the organisation, with state and last sign-in, as an .xlsx stream (audited). */
export async function exportUsers(deps: AppDeps, auth: AuthContext, ip: string | null) {
  await auditBy(deps, auth, ip)('users.exported', { organisation: auth.organisation.id });
  return streamWorkbook('Users', USER_COLUMNS, exportOrganisationUsers(deps.db, auth.organisation.id));
}
