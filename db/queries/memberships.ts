import type { Knex } from 'knex';
import { Membership, type MembershipStatus } from '../models/membership.ts';
import { User } from '../models/user.ts';
import type { Permission } from '../../domain/permissions.ts';
import { ownerIdsFrom, visibleOwnerIdsSql } from './visibility.ts';
import { decodeCursor, type Page, type PageOptions, timestampText, toPage, uuid } from './keyset.ts';

/** Who a session is: an active user, their active membership of one organisation, and whose cases they see. */
export type ActiveMember = {
  user: {
    id: string;
    username: string;
    title: string | null;
    firstName: string;
    surname: string;
    email: string;
    jobTitle: string | null;
    telephone: string | null;
    workAddress: string | null;
    workPostcode: string | null;
    twoFactorEnabled: boolean;
  };
  membership: {
    locationId: string | null;
    divisionId: string | null;
    departmentId: string | null;
    permissions: Permission[];
  };
  organisation: {
    id: string;
    code: string;
    name: string;
    isProvider: boolean;
    myAccountEnabled: boolean;
    requiresTwoFactor: boolean;
  };
  /** The owners whose cases they see there (db/queries/visibility.ts). */
  visibleOwnerIds: string[];
};

/**
 * The columns of an ActiveMember over `users as u`, `memberships as m` and
 * `organisations as o`: profile columns only, never secrets. Shared with the
 * session query (db/queries/sessions.ts), which loads all of it in one round trip.
 */
export const activeMemberColumns = (db: Knex) => [
  'm.id as membership_id',
  'u.id as user_id',
  'u.username',
  'u.title',
  'u.first_name',
  'u.surname',
  'u.email',
  'u.job_title',
  'u.telephone',
  'u.work_address',
  'u.work_postcode',
  'u.two_factor_enabled',
  'm.location_id',
  'm.division_id',
  'm.department_id',
  'm.permissions',
  'o.id as org_id',
  'o.code as org_code',
  'o.name as org_name',
  'o.is_provider',
  'o.my_account_enabled',
  'o.requires_two_factor',
  db.raw(`${visibleOwnerIdsSql('m.user_id', 'm.organisation_id')} as visible_owner_ids`),
];

type MemberRow = ActiveMember['user'] &
  ActiveMember['membership'] & {
    userId: string;
    orgId: string;
    orgCode: string;
    orgName: string;
    isProvider: boolean;
    myAccountEnabled: boolean;
    requiresTwoFactor: boolean;
    visibleOwnerIds: string;
  };

/** An ActiveMember from a row selected with activeMemberColumns; undefined when the joins found none. */
export function activeMemberOf(row: Record<string, unknown> | undefined): ActiveMember | undefined {
  if (!row?.membershipId || !row.userId || !row.orgId) return undefined;
  const r = row as MemberRow;
  return {
    user: {
      id: r.userId,
      username: r.username,
      title: r.title,
      firstName: r.firstName,
      surname: r.surname,
      email: r.email,
      jobTitle: r.jobTitle,
      telephone: r.telephone,
      workAddress: r.workAddress,
      workPostcode: r.workPostcode,
      twoFactorEnabled: r.twoFactorEnabled,
    },
    membership: {
      locationId: r.locationId,
      divisionId: r.divisionId,
      departmentId: r.departmentId,
      permissions: r.permissions,
    },
    organisation: {
      id: r.orgId,
      code: r.orgCode,
      name: r.orgName,
      isProvider: r.isProvider,
      myAccountEnabled: r.myAccountEnabled,
      requiresTwoFactor: r.requiresTwoFactor,
    },
    visibleOwnerIds: ownerIdsFrom(r.visibleOwnerIds),
  };
}

/** An active user with their active membership of one organisation: who a session is. */
export async function findActiveMember(
  db: Knex,
  userId: string,
  organisationId: string,
): Promise<ActiveMember | undefined> {
  const row = await db('memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .join('organisations as o', 'o.id', 'm.organisation_id')
    .where({ 'm.user_id': userId, 'm.organisation_id': organisationId, 'm.status': 'active', 'u.status': 'active' })
    .first(activeMemberColumns(db));
  return activeMemberOf(row);
}

/** The organisation a user signs in to: their oldest active membership's. */
export async function firstActiveOrganisationId(db: Knex, userId: string): Promise<string | undefined> {
  const membership = await Membership.query(db)
    .modify('active')
    .where({ userId })
    .orderBy('createdAt')
    .first()
    .select('organisationId');
  return membership?.organisationId;
}

export async function hasMembership(
  db: Knex,
  userId: string,
  organisationId: string,
  status?: MembershipStatus,
): Promise<boolean> {
  const query = Membership.query(db).where({ userId, organisationId });
  if (status) query.where({ status });
  return (await query.first().select('id')) !== undefined;
}

/** The organisations a user belongs to or has asked to join, by name (the header's switcher). */
export async function listUserMemberships(
  db: Knex,
  userId: string,
): Promise<{ id: string; name: string; status: MembershipStatus }[]> {
  return db('memberships as m')
    .join('organisations as o', 'o.id', 'm.organisationId')
    .where('m.userId', userId)
    .orderBy('o.name')
    .select('o.id', 'o.name', 'm.status');
}

/** Who a new member may name as their manager: the organisation's active members, by surname. */
export async function listManagerChoices(db: Knex, organisationId: string): Promise<{ id: string; name: string }[]> {
  const users = await User.query(db)
    .joinRelated('memberships')
    .where({ 'memberships.organisationId': organisationId, 'memberships.status': 'active', 'users.status': 'active' })
    .orderBy(['users.surname', 'users.firstName'])
    .select('users.id', 'users.firstName', 'users.surname');
  return users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.surname}` }));
}

export type MembershipRequest = {
  id: string;
  firstName: string;
  surname: string;
  username: string;
  jobTitle: string | null;
  requestedAt: Date;
};

/** Requests to join an organisation, oldest first (User Admin, 04 Access Requests). */
export async function listPendingMemberships(
  db: Knex,
  organisationId: string,
  page: PageOptions,
): Promise<Page<MembershipRequest>> {
  const query = db('memberships as m')
    .join('users as u', 'u.id', 'm.userId')
    .where({ 'm.organisationId': organisationId, 'm.status': 'pending' })
    .select(
      'm.id',
      'u.firstName',
      'u.surname',
      'u.username',
      'u.jobTitle',
      'm.createdAt as requestedAt',
      db.raw('m.created_at::text as cursor_t'),
    )
    .orderBy(['m.createdAt', 'm.id'])
    .limit(page.limit + 1);
  const after = decodeCursor(page.cursor, [timestampText, uuid]);
  if (after) query.whereRaw('(m.created_at, m.id) > (?::timestamptz, ?::uuid)', after);
  const rows = (await query) as (MembershipRequest & { cursorT: string })[];
  return toPage(
    rows,
    page.limit,
    (r) => [r.cursorT, r.id],
    ({ cursorT: _, ...request }) => request,
  );
}

/** Grants a pending request to join the organisation: its user's id, or undefined when there is no such request. */
export async function approvePendingMembership(
  db: Knex,
  organisationId: string,
  membershipId: string,
): Promise<string | undefined> {
  const [approved] = await Membership.query(db)
    .modify('pending')
    .where({ id: membershipId, organisationId })
    .patch({ status: 'active', updatedAt: new Date() })
    .returning('userId');
  return approved?.userId;
}
