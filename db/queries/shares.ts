import type { Knex } from 'knex';

/** Who asked to be emailed about an owner's cases in an organisation (SPEC: sharing, one way). */
export async function sharersToNotify(db: Knex, organisationId: string, ownerId: string): Promise<string[]> {
  return db('shares').where({ organisationId, ownerId, notify: true }).pluck('viewerId');
}
