import type { Knex } from 'knex';
import type { Viewer } from '../../domain/visibility.ts';

/** Statuses only the author ever sees: unsent drafts and referrals sent back to them. */
const AUTHOR_ONLY = ['draft', 'rejected'];
/** Statuses that have not reached the provider yet. */
const NOT_AT_PROVIDER = ['draft', 'awaiting_approval'];

/**
 * The owners whose cases a client user sees in one organisation, as SQL over two
 * expressions (a user id and an organisation id, e.g. columns of the session's row;
 * the subquery's own tables are named vis_* so they cannot shadow them):
 * the user, everyone below them in the manager hierarchy (hierarchy_closure, kept by
 * triggers on memberships), and those who shared their cases with them. Resolved once
 * per request (with the session, in one query) so the list query gets the owners as
 * a constant array the planner can estimate, instead of a recursive subquery it
 * cannot (a leaf user scanned the whole organisation). The array comes as its text,
 * which ownerIdsFrom reads: pg's general array parser took 0.9 ms a request for the
 * top of a 1,100-person hierarchy.
 */
export function visibleOwnerIdsSql(userId: string, organisationId: string): string {
  return `array(
    select ${userId}
    union
    select vis_s.owner_id from shares vis_s
    where vis_s.organisation_id = ${organisationId} and vis_s.viewer_id = ${userId}
    union
    select vis_h.descendant_id from hierarchy_closure vis_h
    where vis_h.organisation_id = ${organisationId} and vis_h.ancestor_id = ${userId})::text`;
}

/** The ids in visibleOwnerIdsSql's text, `{id,id,...}`: uuids are never quoted, and none is null. */
export function ownerIdsFrom(text: string): string[] {
  return text === '{}' ? [] : text.slice(1, -1).split(',');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A PostgreSQL array literal of uuids, bound as one parameter. */
function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error('visibleOwnerIds holds a value that is not a uuid');
  return `{${ids.join(',')}}`;
}

/**
 * The visibility rule of domain/visibility.ts as one SQL predicate on `referrals`
 * (under the name `table`). Every list, queue, search, export, count and document
 * read of a case goes through it, and so does the Referral model's `visibleTo`
 * modifier that loads one case by id; nothing else decides who sees a case.
 *
 * The owners come resolved with the viewer (visibleOwnerIdsSql): bound as one array,
 * the planner sees its values and picks per-owner index scans for a leaf user and an
 * ordered scan of the organisation for the top of a large hierarchy.
 */
export function applyVisibility<Q extends Knex.QueryBuilder>(query: Q, viewer: Viewer, table = 'r'): Q {
  const col = (name: string) => `${table}.${name}`;
  if (viewer.seesAllSubmitted) return query.whereNotIn(col('status'), NOT_AT_PROVIDER) as Q;
  return query
    .where(col('organisation_id'), viewer.organisationId)
    .where((w) =>
      w
        .where((a) => a.whereIn(col('status'), AUTHOR_ONLY).andWhere(col('author_id'), viewer.userId))
        .orWhere((o) =>
          o
            .whereNotIn(col('status'), AUTHOR_ONLY)
            .whereRaw('?? = any(?::uuid[])', [col('owner_id'), uuidArray(viewer.visibleOwnerIds)]),
        ),
    ) as Q;
}

/** Referrals the viewer may see, as a query to refine. */
export const visibleReferrals = (db: Knex, viewer: Viewer) => applyVisibility(db('referrals as r'), viewer);

/** Questionnaires the viewer may see (the same rule: their statuses are never author-only), as a query to refine. */
export const visibleQuestionnaires = (db: Knex, viewer: Viewer) =>
  applyVisibility(db('questionnaires as q'), viewer, 'q');
