import type { Knex } from 'knex';
import { decodeCursor, type Page, type PageOptions, text, toPage, uuid } from './keyset.ts';

export type LockedUsersOptions = PageOptions & {
  /** Only accounts with a membership of this organisation; undefined for every account (the provider's admin). */
  organisationId: string | undefined;
};

export type LockedUser = {
  id: string;
  firstName: string;
  surname: string;
  username: string;
  jobTitle: string | null;
  lockedAt: Date;
};

/** Accounts locked by wrong passwords, by surname then first name (User Admin, 02 Locked Users). */
export async function listLockedUsers(db: Knex, options: LockedUsersOptions): Promise<Page<LockedUser>> {
  const query = db('users as u')
    .whereNotNull('u.lockedAt')
    .select('u.id', 'u.firstName', 'u.surname', 'u.username', 'u.jobTitle', 'u.lockedAt')
    .orderBy(['u.surname', 'u.firstName', 'u.id'])
    .limit(options.limit + 1);
  const { organisationId } = options;
  if (organisationId) {
    query.whereExists(db('memberships as m').whereRaw('m.user_id = u.id').where('m.organisationId', organisationId));
  }
  const after = decodeCursor(options.cursor, [text, text, uuid]);
  if (after) query.whereRaw('(u.surname, u.first_name, u.id) > (?, ?, ?::uuid)', after);
  const rows = (await query) as LockedUser[];
  return toPage(
    rows,
    options.limit,
    (u) => [u.surname, u.firstName, u.id],
    (u) => ({ ...u }),
  );
}
