import { randomUUID } from 'node:crypto';
import { CaseAction as CaseActionRecord } from '../../db/models/case-action.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { ACTION_KINDS, ACTION_STATUSES, canMoveAction, canRebook, type ActionKind, type ActionStatus } from '../../domain/statuses.ts';
import { actionEventUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

export type CaseAction = { id: string; kind: ActionKind; kindLabel: string; scheduledAt: string; status: ActionStatus; statusLabel: string; rebookedFromId: string | null };

const present = (r: Pick<CaseActionRecord, 'id' | 'kind' | 'scheduledAt' | 'status' | 'rebookedFromId'>): CaseAction => ({
  id: r.id,
  kind: r.kind,
  kindLabel: ACTION_KINDS[r.kind],
  scheduledAt: new Date(r.scheduledAt).toISOString(),
  status: r.status,
  statusLabel: ACTION_STATUSES[r.status].label,
  rebookedFromId: r.rebookedFromId,
});

export async function listActions(deps: AppDeps, auth: AuthContext, referralId: string): Promise<CaseAction[]> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const rows = await referral.$relatedQuery('actions', deps.db).orderBy([{ column: 'scheduledAt' }, { column: 'createdAt' }]);
  return rows.map(present);
}

/** Books an appointment or requests further medical evidence, with its date and time. */
export async function bookAction(deps: AppDeps, auth: AuthContext, referralId: string, input: { kind: ActionKind; scheduledAt: string }, ip: string | null, rebookedFromId: string | null = null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const id = randomUUID();
  let row: CaseActionRecord | undefined;
  const event = { actionId: id, event: rebookedFromId ? 'rebooked' : 'booked', actorId: auth.user.id } as const;
  const outcome = await runReferralStep(deps, referral, 'changeAction', actionEventUpdate, event, {
    store: async () => {
      row = await CaseActionRecord.query(deps.db)
        .insert({ id, referralId, kind: input.kind, scheduledAt: new Date(input.scheduledAt), rebookedFromId, createdBy: auth.user.id })
        .returning('*');
    },
    undo: () => CaseActionRecord.query(deps.db).deleteById(id),
  });
  await auditBy(deps, auth, ip)(rebookedFromId ? 'case.action_rebooked' : 'case.action_booked', { referral: referralId }, { actionId: id });
  return { action: present(row!), closureSuggested: outcome.closureSuggested };
}

async function loadAction(deps: AppDeps, referralId: string, actionId: string) {
  if (!isUuid(actionId)) throw notFound('The action');
  const row = await CaseActionRecord.query(deps.db).findOne({ id: actionId, referralId });
  if (!row) throw notFound('The action');
  return row;
}

/** Open → Closed (attended/received), Canx (cancelled) or DNA (did not attend). */
export async function changeActionStatus(deps: AppDeps, auth: AuthContext, referralId: string, actionId: string, status: Exclude<ActionStatus, 'open'>, ip: string | null) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const row = await loadAction(deps, referralId, actionId);
  if (!canMoveAction(row.status, status)) throw new AppError('INVALID_STATE', `This action is ${ACTION_STATUSES[row.status].label} already; only an open action can change.`);
  const outcome = await runReferralStep(deps, referral, 'changeAction', actionEventUpdate, { actionId, event: status, actorId: auth.user.id }, {
    store: async () => {
      // Conditional, so two clinicians cannot both move the same open action.
      const moved = await CaseActionRecord.query(deps.db).findById(actionId).where({ status: 'open' }).patch({ status, updatedAt: new Date() });
      if (moved !== 1) throw new AppError('INVALID_STATE', 'This action changed meanwhile. Reload the case to see it.');
    },
    undo: () => CaseActionRecord.query(deps.db).findById(actionId).patch({ status: 'open' }),
  });
  await auditBy(deps, auth, ip)('case.action_status_changed', { referral: referralId }, { actionId, status });
  return { action: present({ ...row, status }), closureSuggested: outcome.closureSuggested };
}

/** Rebooks a cancelled or missed action as a new one, linked to it. */
export async function rebookAction(deps: AppDeps, auth: AuthContext, referralId: string, actionId: string, scheduledAt: string, ip: string | null) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const row = await loadAction(deps, referralId, actionId);
  if (!canRebook(row.status)) throw new AppError('INVALID_STATE', 'Only a cancelled (Canx) or missed (DNA) action can be rebooked.');
  return bookAction(deps, auth, referralId, { kind: row.kind, scheduledAt }, ip, actionId);
}
