/**
 * The visibility rule of SPEC.md section 2, stated once. db/queries/visibility.ts
 * turns it into the single SQL predicate every list, search, export, count and
 * document read goes through.
 *
 * A client-organisation user sees, within the current organisation:
 *   - cases they own;
 *   - cases owned by anyone below them in the manager hierarchy;
 *   - cases owned by users who shared their cases with them (one way).
 * Drafts are seen only by their author.
 * A provider clinician sees every submitted referral of every organisation.
 */
export type Viewer = {
  userId: string;
  organisationId: string;
  seesAllSubmitted: boolean;
  /**
   * The owners whose cases this (client) user sees in the organisation: themselves,
   * everyone below them in the manager hierarchy and those who shared with them.
   * Resolved with the session (db/queries/visibility.ts); unused when seesAllSubmitted.
   */
  visibleOwnerIds: readonly string[];
};
