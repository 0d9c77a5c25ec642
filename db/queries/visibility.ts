import type { Knex } from 'knex';
import type { Viewer } from '../../domain/visibility.ts';

/** Statuses only the author ever sees: unsent drafts and referrals sent back to them. */
const AUTHOR_ONLY = ['draft', 'rejected'];
/** Statuses that have not reached the provider yet. */
const NOT_AT_PROVIDER = ['draft', 'awaiting_approval'];

/**
 * The visibility rule of domain/visibility.ts as one SQL predicate on `referrals`
 * (under the name `table`). Every list, queue, search, export, count and document
 * read of a case goes through it, and so does the Referral model's `visibleTo`
 * modifier that loads one case by id; nothing else decides who sees a case.
 */
export function applyVisibility<Q extends Knex.QueryBuilder>(query: Q, viewer: Viewer, table = 'r'): Q {
  const col = (name: string) => `${table}.${name}`;
  if (viewer.seesAllSubmitted) return query.whereNotIn(col('status'), NOT_AT_PROVIDER) as Q;
  const visibleOwners = `
    select ?::uuid
    union
    select owner_id from shares where organisation_id = ? and viewer_id = ?
    union
    (with recursive below(user_id) as (
        select user_id from memberships where organisation_id = ? and manager_id = ?
        union
        select m.user_id from memberships m join below b on m.manager_id = b.user_id
        where m.organisation_id = ?
     ) select user_id from below)`;
  const bindings = [
    viewer.userId,
    viewer.organisationId,
    viewer.userId,
    viewer.organisationId,
    viewer.userId,
    viewer.organisationId,
  ];
  return query
    .where(col('organisation_id'), viewer.organisationId)
    .where((w) =>
      w
        .where((a) => a.whereIn(col('status'), AUTHOR_ONLY).andWhere(col('author_id'), viewer.userId))
        .orWhere((o) =>
          o.whereNotIn(col('status'), AUTHOR_ONLY).whereRaw(`?? in (${visibleOwners})`, [col('owner_id'), ...bindings]),
        ),
    ) as Q;
}

/** Referrals the viewer may see, as a query to refine. */
export const visibleReferrals = (db: Knex, viewer: Viewer) => applyVisibility(db('referrals as r'), viewer);
