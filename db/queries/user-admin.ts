import type { Knex } from 'knex';
import type { Permission } from '../../domain/permissions.ts';
import { type AccountState, accountStateOf, type UserSort } from '../../domain/user-admin.ts';
import type { UserStatus } from '../models/user.ts';
import { decodeCursor, type Page, type PageOptions, text, toPage, uuid } from './keyset.ts';

/**
 * User Admin's SQL: an organisation's members (All Users, Export Users), one member
 * with their permissions and manager, and the writes that change them. The rules
 * (last user admin, no cycles) are decided in api/admin/ with the helpers here, inside
 * one transaction that holds the organisation's row.
 */
export type UserListOptions = PageOptions & {
  organisationId: string;
  state?: AccountState | undefined;
  /** Part of a name, username or email. */
  q?: string | undefined;
  sort?: UserSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
  /** The export's extra column. */
  withEmail?: boolean;
};

export type UserListRow = {
  id: string;
  firstName: string;
  surname: string;
  username: string;
  jobTitle: string | null;
  state: AccountState;
  lastLoginAt: Date | null;
};

// The sort keys' SQL, written here (never input); each ends with the id that breaks ties.
const SORT_KEYS: Record<UserSort, string[]> = {
  name: ['u.surname', 'u.first_name'],
  username: ['u.username'],
  jobTitle: ["coalesce(u.job_title, '')"],
};

/** An organisation's active members, whatever their account's state, as the query asks for them. */
function members(db: Knex, organisationId: string) {
  return db('users as u')
    .join('memberships as m', 'm.userId', 'u.id')
    .where({ 'm.organisationId': organisationId, 'm.status': 'active' });
}

function whereState(query: Knex.QueryBuilder, state: AccountState | undefined) {
  if (state === 'disabled') query.where('u.status', 'disabled');
  else if (state === 'locked') query.whereNot('u.status', 'disabled').whereNotNull('u.lockedAt');
  else if (state === 'pending') query.where('u.status', 'pending').whereNull('u.lockedAt');
  else if (state === 'active') query.where('u.status', 'active').whereNull('u.lockedAt');
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereSearch(query: Knex.QueryBuilder, q: string | undefined) {
  const term = q?.trim();
  if (!term) return;
  const like = likePattern(term);
  query.where((w) =>
    w
      .whereRaw("(u.first_name || ' ' || u.surname) ilike ?", [like])
      .orWhereILike('u.username', like)
      .orWhereILike('u.email', like),
  );
}

type RawUserRow = {
  id: string;
  firstName: string;
  surname: string;
  username: string;
  jobTitle: string | null;
  status: UserStatus;
  lockedAt: Date | null;
  lastLoginAt: Date | null;
  k0: string;
  k1?: string;
};

const USER_COLUMNS = [
  'u.id',
  'u.firstName',
  'u.surname',
  'u.username',
  'u.jobTitle',
  'u.status',
  'u.lockedAt',
  'u.lastLoginAt',
] as const;

const present = ({ k0: _k0, k1: _k1, status, lockedAt, ...row }: RawUserRow): UserListRow => ({
  ...row,
  state: accountStateOf({ status, lockedAt }),
});

/** All Users: filtered by account state, searched, sorted, a keyset page at a time. */
export async function listOrganisationUsers(db: Knex, options: UserListOptions): Promise<Page<UserListRow>> {
  const keys = SORT_KEYS[options.sort ?? 'name'];
  const direction = options.direction ?? 'asc';
  const query = members(db, options.organisationId)
    .select(...USER_COLUMNS)
    .select(keys.map((key, i) => db.raw(`${key} as k${i}`)))
    .orderByRaw([...keys, 'u.id'].map((k) => `${k} ${direction}`).join(', '))
    .limit(options.limit + 1);
  whereState(query, options.state);
  whereSearch(query, options.q);
  const after = decodeCursor(options.cursor, [...keys.map(() => text), uuid]);
  if (after) {
    const placeholders = [...keys.map(() => '?'), '?::uuid'].join(', ');
    query.whereRaw(`(${[...keys, 'u.id'].join(', ')}) ${direction === 'asc' ? '>' : '<'} (${placeholders})`, after);
  }
  if (options.withEmail) query.select('u.email');
  const rows = (await query) as RawUserRow[];
  return toPage(rows, options.limit, (r) => [...keys.map((_, i) => String(i === 0 ? r.k0 : r.k1)), r.id], present);
}

export type ExportedUser = UserListRow & { email: string };

/**
 * Export Users: every member of the organisation by name, a keyset page of a thousand at a time, so
 * the whole list is never in memory (and it runs on the embedded database too, which cannot stream).
 */
export async function* exportOrganisationUsers(db: Knex, organisationId: string): AsyncGenerator<ExportedUser> {
  let cursor: string | undefined;
  do {
    const page = await listOrganisationUsers(db, { organisationId, limit: 1000, cursor, withEmail: true });
    for (const row of page.rows) yield row as ExportedUser;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export type MemberDetail = {
  id: string;
  membershipId: string;
  title: string | null;
  firstName: string;
  surname: string;
  username: string;
  email: string;
  jobTitle: string | null;
  status: UserStatus;
  lockedAt: Date | null;
  lastLoginAt: Date | null;
  permissions: Permission[];
  managerId: string | null;
  managerName: string | null;
};

/** One active member of the organisation, with their permissions and manager; undefined when not one. */
export async function findMember(db: Knex, organisationId: string, userId: string): Promise<MemberDetail | undefined> {
  const row = await members(db, organisationId)
    .leftJoin('users as boss', 'boss.id', 'm.managerId')
    .where('u.id', userId)
    .first(
      'u.id',
      'm.id as membershipId',
      'u.title',
      'u.firstName',
      'u.surname',
      'u.username',
      'u.email',
      'u.jobTitle',
      'u.status',
      'u.lockedAt',
      'u.lastLoginAt',
      'm.permissions',
      'm.managerId',
      db.raw("boss.first_name || ' ' || boss.surname as manager_name"),
    );
  return row as MemberDetail | undefined;
}

/** Holds the organisation's row until the transaction ends: admin changes to one organisation happen one at a time. */
export async function lockOrganisation(
  trx: Knex.Transaction,
  organisationId: string,
): Promise<{ isProvider: boolean }> {
  return trx('organisations').where({ id: organisationId }).forUpdate().first('isProvider');
}

/** How many other members could still administer the organisation's users (active accounts only). */
export async function countOtherUserAdmins(
  db: Knex,
  organisationId: string,
  exceptUserId: string,
  isProvider: boolean,
): Promise<number> {
  const roles = isProvider ? ['user_admin', 'provider_admin'] : ['user_admin'];
  const [row] = await members(db, organisationId)
    .where('u.status', 'active')
    .whereNot('u.id', exceptUserId)
    .whereRaw('m.permissions && ?::text[]', [roles])
    .count({ count: '*' });
  return Number(row?.count ?? 0);
}

/** Whether `candidateId` reports to `userId`, directly or further down the organisation's hierarchy. */
export async function reportsTo(db: Knex, organisationId: string, candidateId: string, userId: string) {
  const row = await db('hierarchy_closure')
    .where({ organisationId, ancestorId: userId, descendantId: candidateId })
    .first(db.raw('1 as below'));
  return Boolean(row);
}

/** Who may be a member's manager: the organisation's active members but the member and those below them, by name. */
export async function listManagerCandidates(
  db: Knex,
  organisationId: string,
  userId: string,
): Promise<{ id: string; name: string }[]> {
  const result = await db.raw(
    `SELECT u.id, u.first_name || ' ' || u.surname AS name
       FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE m.organisation_id = ? AND m.status = 'active' AND u.status = 'active' AND u.id <> ?
        AND u.id NOT IN (SELECT descendant_id FROM hierarchy_closure WHERE organisation_id = ? AND ancestor_id = ?)
      ORDER BY u.surname, u.first_name, u.id`,
    [organisationId, userId, organisationId, userId],
  );
  return result.rows as { id: string; name: string }[];
}

export async function setMembershipAccess(
  db: Knex,
  membershipId: string,
  access: { permissions: Permission[]; managerId: string | null },
): Promise<void> {
  await db('memberships')
    .where({ id: membershipId })
    .update({ permissions: access.permissions, managerId: access.managerId, updatedAt: new Date() });
}

/** Disables an account and ends its sessions; false when it was disabled already. */
export async function disableAccount(db: Knex, userId: string): Promise<boolean> {
  const changed = await db('users')
    .where({ id: userId })
    .whereNot({ status: 'disabled' })
    .update({ statusBeforeDisable: db.ref('status'), status: 'disabled', updatedAt: new Date() });
  await db('sessions').where({ userId }).delete();
  return changed > 0;
}

/** Enables a disabled account as it was before (active, or still awaiting activation); false when not disabled. */
export async function enableAccount(db: Knex, userId: string): Promise<boolean> {
  const changed = await db('users')
    .where({ id: userId, status: 'disabled' })
    .update({
      status: db.raw("coalesce(status_before_disable, 'active')"),
      statusBeforeDisable: null,
      updatedAt: new Date(),
    });
  return changed > 0;
}

/** An account's registered email, its row locked until the transaction ends (an email change is under way). */
export async function lockRegisteredEmail(db: Knex, userId: string): Promise<string | undefined> {
  const user: { email: string } | undefined = await db('users').where({ id: userId }).forUpdate().first('email');
  return user?.email;
}

/** A registered email changed: recorded with both addresses (the notice goes to each), then the account's changed. */
export async function changeRegisteredEmail(
  db: Knex,
  change: { userId: string; newEmail: string; changedBy: string },
): Promise<string> {
  const oldEmail = await lockRegisteredEmail(db, change.userId);
  const [row] = await db('email_changes')
    .insert({ userId: change.userId, oldEmail, newEmail: change.newEmail, changedBy: change.changedBy })
    .returning('id');
  await db('users').where({ id: change.userId }).update({ email: change.newEmail, updatedAt: new Date() });
  return row.id as string;
}

/** What the email-change notice needs: both addresses and whom to greet. */
export async function findEmailChange(
  db: Knex,
  id: string,
): Promise<{ userId: string; oldEmail: string; newEmail: string; firstName: string; surname: string } | undefined> {
  return db('email_changes as c')
    .join('users as u', 'u.id', 'c.userId')
    .where('c.id', id)
    .first('c.userId', 'c.oldEmail', 'c.newEmail', 'u.firstName', 'u.surname');
}

/** The organisations an account is an active member of (its email must stay at one of their domains). */
export async function memberOrganisationIds(db: Knex, userId: string): Promise<string[]> {
  const rows: { organisationId: string }[] = await db('memberships')
    .where({ userId, status: 'active' })
    .select('organisationId');
  return rows.map((r) => r.organisationId);
}
