import type { Knex } from 'knex';
import type { Viewer } from '../../domain/visibility.ts';

/** Statuses only the author ever sees: unsent drafts and referrals sent back to them. */
const AUTHOR_ONLY = ['draft', 'rejected'];
/** Statuses that have not reached the provider yet. */
const NOT_AT_PROVIDER = ['draft', 'awaiting_approval'];

/**
 * The visibility rule of domain/visibility.ts as one SQL predicate on `referrals`
 * (aliased `r`). Every list, search, export, count and document read of a case
 * goes through it; nothing else decides who sees a case.
 */
export function applyVisibility(db: Knex, query: Knex.QueryBuilder, viewer: Viewer): Knex.QueryBuilder {
  if (viewer.seesAllSubmitted) return query.whereNotIn('r.status', NOT_AT_PROVIDER);
  const visibleOwners = [
    `
    select ?::uuid
    union
    select owner_id from shares where organisation_id = ? and viewer_id = ?
    union
    (with recursive below(user_id) as (
        select user_id from memberships where organisation_id = ? and manager_id = ?
        union
        select m.user_id from memberships m join below b on m.manager_id = b.user_id
        where m.organisation_id = ?
     ) select user_id from below)`,
    [viewer.userId, viewer.organisationId, viewer.userId, viewer.organisationId, viewer.userId, viewer.organisationId],
  ] as const;
  return query
    .where('r.organisation_id', viewer.organisationId)
    .where((w) =>
      w
        .where((a) => a.whereIn('r.status', AUTHOR_ONLY).andWhere('r.author_id', viewer.userId))
        .orWhere((o) => o.whereNotIn('r.status', AUTHOR_ONLY).whereRaw(`r.owner_id in (${visibleOwners[0]})`, [...visibleOwners[1]])),
    );
}

/** Referrals the viewer may see, as a query to refine. */
export const visibleReferrals = (db: Knex, viewer: Viewer) => applyVisibility(db, db('referrals as r'), viewer);
