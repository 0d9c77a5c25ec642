import type { Knex } from 'knex';
import { Membership, type MembershipStatus } from '../models/membership.ts';
import { User } from '../models/user.ts';
import { decodeCursor, type Page, type PageOptions, timestampText, toPage, uuid } from './keyset.ts';

/**
 * An active user with their active membership of one organisation and that
 * organisation: who a session is. Profile columns only, never secrets.
 */
export async function findActiveMember(db: Knex, userId: string, organisationId: string) {
  const [user] = await User.query(db)
    .modify('profile')
    .select('users.twoFactorEnabled')
    .withGraphJoined('memberships(ofOrganisation).organisation(summary)')
    .modifiers({
      ofOrganisation: (query) =>
        query
          .modify('active')
          .where({ organisationId })
          .select('id', 'userId', 'organisationId', 'locationId', 'divisionId', 'departmentId', 'permissions'),
      summary: (query) => query.select('id', 'code', 'name', 'isProvider', 'myAccountEnabled', 'requiresTwoFactor'),
    })
    .where({ 'users.id': userId, 'users.status': 'active' })
    .whereNotNull('memberships.id');
  const membership = user?.memberships?.[0];
  const organisation = membership?.organisation;
  return user && membership && organisation ? { user, membership, organisation } : undefined;
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
