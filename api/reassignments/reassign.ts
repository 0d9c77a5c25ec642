import {
  createReassignAll,
  disableUser,
  findReassignmentWithNames,
  listCaseReassignments,
  reassignCase,
  withdrawReassignAll,
} from '../../db/queries/reassignments.ts';
import type { Knex } from 'knex';
import { deleteUserSessions } from '../../db/queries/sessions.ts';
import { isActiveMember, listActiveMembers } from '../../db/queries/shares.ts';
import { hasMembership } from '../../db/queries/memberships.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { can } from '../../domain/permissions.ts';
import { isReassignable } from '../../domain/referral-transitions.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from '../referrals/load-referral.ts';
import { queryReassignProgress, startReassignAll } from '../temporal-edge.ts';

/**
 * Reassignment (SPEC section 5): one case from its page, or all of one user's cases from User Admin,
 * each with a reason. The new owner tracks the case and gets its emails from then on: the emails
 * read the owner from PostgreSQL when they are sent, so changing `owner_id` is the whole change.
 */

export type ReassignRequest = { toUserId: string; reason: string };

const notThatUser = () =>
  new AppError('BAD_REQUEST', 'Choose an active user of your organisation.', {
    toUserId: 'Choose an active user of your organisation',
  });

export async function reassignOneCase(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  { toUserId, reason }: ReassignRequest,
  ip: string | null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!isReassignable(referral.status)) {
    throw new AppError('INVALID_STATE', 'Only a referral sent to the provider can be reassigned.');
  }
  if (!(await isActiveMember(deps.db, referral.organisationId, toUserId))) throw notThatUser();
  if (toUserId === referral.ownerId) {
    throw new AppError('BAD_REQUEST', 'That user already owns this case: choose someone else.', {
      toUserId: 'That user already owns this case: choose someone else',
    });
  }
  const fromUserId = referral.ownerId;
  await deps.db.transaction(async (trx) => {
    const done = await reassignCase(trx, {
      organisationId: referral.organisationId,
      referralId,
      fromUserId,
      toUserId,
      actorId: auth.user.id,
      reason,
    });
    if (!done) throw new AppError('CONFLICT', 'Someone else has just reassigned this case. Reload it and try again.');
    await auditBy(
      deps,
      auth,
      ip,
      trx,
    )(
      'case.reassigned',
      { referral: referralId },
      { reassignment: done.reassignmentId, from: fromUserId, to: toUserId },
    );
  });
}

/** The case's reassignments, for anyone who may see the case. */
export async function caseReassignments(deps: AppDeps, auth: AuthContext, referralId: string) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  return (await listCaseReassignments(deps.db, referralId)).map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
}

/** Reassign all needs both permissions: User Admin and Case reassigner. */
function requireReassignAll(auth: AuthContext) {
  if (!can(auth.actor, 'users.admin') || !can(auth.actor, 'cases.reassign')) {
    throw new AppError('FORBIDDEN', 'You need the User Admin and Case reassigner permissions to do this.');
  }
}

async function checkUsers(deps: AppDeps, auth: AuthContext, fromUserId: string, toUserId: string) {
  requireReassignAll(auth);
  if (!(await hasMembership(deps.db, fromUserId, auth.organisation.id))) throw notFound('That user');
  if (toUserId === fromUserId) {
    throw new AppError('BAD_REQUEST', 'Choose someone else to take the cases.', {
      toUserId: 'Choose someone else to take the cases',
    });
  }
  if (!(await isActiveMember(deps.db, auth.organisation.id, toUserId))) throw notThatUser();
}

/**
 * Starts a reassign-all: its row first (the run reads it), then the run, then `andThen` (a leaver's
 * disabling) and the audit entry in one transaction. If Temporal cannot start the run (a 503) the row
 * is taken back and nothing else has happened, so the refusal changes nothing and leaves no orphan row;
 * unless a run is found to have moved cases already, which means the start reached Temporal after all.
 */
async function begin(
  deps: AppDeps,
  auth: AuthContext,
  fromUserId: string,
  req: ReassignRequest,
  ip: string | null,
  andThen?: (trx: Knex.Transaction) => Promise<void>,
) {
  const reassignmentId = await createReassignAll(deps.db, {
    organisationId: auth.organisation.id,
    fromUserId,
    toUserId: req.toUserId,
    actorId: auth.user.id,
    reason: req.reason,
  });
  try {
    await startReassignAll(deps, { reassignmentId });
  } catch (error) {
    // Not withdrawn: a run has moved cases already, so the start did reach Temporal.
    if (await withdrawReassignAll(deps.db, reassignmentId)) throw error;
  }
  await deps.db.transaction(async (trx) => {
    await andThen?.(trx);
    await auditBy(
      deps,
      auth,
      ip,
      trx,
    )('cases.reassign_all_started', { user: fromUserId }, { reassignment: reassignmentId, to: req.toUserId });
  });
  return reassignmentId;
}

/** All of one user's cases, open and closed, to another: a workflow moves them in batches. */
export async function reassignAllCases(
  deps: AppDeps,
  auth: AuthContext,
  fromUserId: string,
  req: ReassignRequest,
  ip: string | null,
) {
  await checkUsers(deps, auth, fromUserId, req.toUserId);
  return begin(deps, auth, fromUserId, req, ip);
}

/** A leaver, in one action: the account disabled, its sessions ended, and all its cases reassigned. */
export async function markLeaver(
  deps: AppDeps,
  auth: AuthContext,
  userId: string,
  req: ReassignRequest,
  ip: string | null,
) {
  await checkUsers(deps, auth, userId, req.toUserId);
  if (userId === auth.user.id) {
    throw new AppError('INVALID_STATE', 'You cannot mark yourself as a leaver: ask another user admin.');
  }
  // Disabled only once the run has started: a Temporal outage leaves the account as it was.
  return begin(deps, auth, userId, req, ip, async (trx) => {
    await disableUser(trx, userId);
    await deleteUserSessions(trx, userId);
    await auditBy(deps, auth, ip, trx)('account.disabled', { user: userId }, { leaver: true });
  });
}

/** How far a reassign-all has got: from its run while it runs, from its row once finished. */
export async function reassignmentProgress(deps: AppDeps, auth: AuthContext, reassignmentId: string) {
  requireReassignAll(auth);
  const r = await findReassignmentWithNames(deps.db, reassignmentId);
  if (!r || r.organisationId !== auth.organisation.id || r.scope !== 'all') throw notFound('That reassignment');
  const fromRow = { moved: r.moved, total: Math.max(r.total ?? 0, r.moved), done: r.finishedAt !== null };
  let progress = fromRow;
  if (!fromRow.done) {
    // The row is kept current batch by batch, so it answers when the run cannot (no worker polling).
    progress = (await queryReassignProgress(deps, reassignmentId).catch(() => undefined)) ?? fromRow;
  }
  return { id: r.id, fromName: r.fromName, toName: r.toName, fromUserId: r.fromUserId, ...progress };
}

/** Whom a case may go to: the organisation's active users. */
export async function reassignTargets(deps: AppDeps, auth: AuthContext) {
  const users = await listActiveMembers(deps.db, auth.organisation.id);
  return users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.surname}`, username: u.username }));
}
