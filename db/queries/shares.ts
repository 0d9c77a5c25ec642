import type { Knex } from 'knex';

/** Who asked to be emailed about an owner's cases in an organisation (SPEC: sharing, one way). */
export async function sharersToNotify(db: Knex, organisationId: string, ownerId: string): Promise<string[]> {
  // select, not pluck: pluck reads the row by the name asked for, before the camelCase mapping names it so.
  const rows: { viewerId: string }[] = await db('shares')
    .where({ organisationId, ownerId, notify: true })
    .select('viewerId');
  return rows.map((r) => r.viewerId);
}
