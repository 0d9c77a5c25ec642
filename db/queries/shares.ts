import type { Knex } from 'knex';

/** Who asked to be emailed about an owner's cases in an organisation (SPEC: sharing, one way). */
export async function sharersToNotify(db: Knex, organisationId: string, ownerId: string): Promise<string[]> {
  // Not pluck(): it reads the column by its camelCase name before the snake_case mapping, so finds nothing.
  const rows: { viewerId: string }[] = await db('shares')
    .where({ organisationId, ownerId, notify: true })
    .select('viewerId');
  return rows.map((r) => r.viewerId);
}

export type ShareRow = {
  viewerId: string;
  firstName: string;
  surname: string;
  username: string;
  jobTitle: string | null;
  notify: boolean;
};

/** The users an owner shares their cases with in an organisation, by surname (My Account, Shared Users). */
export async function listShares(db: Knex, organisationId: string, ownerId: string): Promise<ShareRow[]> {
  return db('shares as s')
    .join('users as u', 'u.id', 's.viewerId')
    .where({ 's.organisationId': organisationId, 's.ownerId': ownerId })
    .orderBy(['u.surname', 'u.firstName', 'u.id'])
    .select('s.viewerId', 'u.firstName', 'u.surname', 'u.username', 'u.jobTitle', 's.notify');
}

/** Whether the user is active and an active member of the organisation: who may be shared with or given cases. */
export async function isActiveMember(db: Knex, organisationId: string, userId: string): Promise<boolean> {
  const row = await db('memberships as m')
    .join('users as u', 'u.id', 'm.userId')
    .where({ 'm.organisationId': organisationId, 'm.userId': userId, 'm.status': 'active', 'u.status': 'active' })
    .first('m.id');
  return row !== undefined;
}

/** The organisation's active users, by surname, but `exceptIds`: whom a user may pick. */
export async function listActiveMembers(
  db: Knex,
  organisationId: string,
  exceptIds: readonly string[] = [],
): Promise<{ id: string; firstName: string; surname: string; username: string; jobTitle: string | null }[]> {
  const query = db('memberships as m')
    .join('users as u', 'u.id', 'm.userId')
    .where({ 'm.organisationId': organisationId, 'm.status': 'active', 'u.status': 'active' })
    .orderBy(['u.surname', 'u.firstName', 'u.id'])
    .select('u.id', 'u.firstName', 'u.surname', 'u.username', 'u.jobTitle');
  if (exceptIds.length) query.whereNotIn('u.id', exceptIds);
  return query;
}

/** Shares the owner's cases with the viewer (notifications on); false when it was already shared. */
export async function addShare(
  db: Knex,
  share: { organisationId: string; ownerId: string; viewerId: string },
): Promise<boolean> {
  const inserted = await db('shares')
    .insert({ ...share, notify: true })
    .onConflict(['organisationId', 'ownerId', 'viewerId'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

/** Turns a share's notification emails on or off; false when there is no such share. */
export async function setShareNotify(
  db: Knex,
  share: { organisationId: string; ownerId: string; viewerId: string },
  notify: boolean,
): Promise<boolean> {
  return (await db('shares').where(share).update({ notify })) > 0;
}

/** Ends a share; false when there was none. */
export async function removeShare(
  db: Knex,
  share: { organisationId: string; ownerId: string; viewerId: string },
): Promise<boolean> {
  return (await db('shares').where(share).delete()) > 0;
}

export type SharingOwner = {
  id: string;
  firstName: string;
  surname: string;
  username: string;
  shares: ShareRow[];
};

/** Every user of the organisation who shares their cases, with whom, by surname (User Admin, 03 User Shares). */
export async function listSharingOwners(db: Knex, organisationId: string): Promise<SharingOwner[]> {
  const rows: (ShareRow & { ownerId: string; ownerFirstName: string; ownerSurname: string; ownerUsername: string })[] =
    await db('shares as s')
      .join('users as o', 'o.id', 's.ownerId')
      .join('users as u', 'u.id', 's.viewerId')
      .where('s.organisationId', organisationId)
      .orderBy(['o.surname', 'o.firstName', 'o.id', 'u.surname', 'u.firstName', 'u.id'])
      .select(
        's.ownerId',
        'o.firstName as ownerFirstName',
        'o.surname as ownerSurname',
        'o.username as ownerUsername',
        's.viewerId',
        'u.firstName',
        'u.surname',
        'u.username',
        'u.jobTitle',
        's.notify',
      );
  const owners = new Map<string, SharingOwner>();
  for (const { ownerId, ownerFirstName, ownerSurname, ownerUsername, ...share } of rows) {
    let owner = owners.get(ownerId);
    if (!owner) {
      owner = { id: ownerId, firstName: ownerFirstName, surname: ownerSurname, username: ownerUsername, shares: [] };
      owners.set(ownerId, owner);
    }
    owner.shares.push(share);
  }
  return [...owners.values()];
}
