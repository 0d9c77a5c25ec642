import { randomUUID } from 'node:crypto';
import { CaseAction as CaseActionRecord } from '../../db/models/case-action.ts';
import { Referral } from '../../db/models/referral.ts';
import {
  APPOINTMENT_TYPES,
  checkAppointment,
  type AppointmentInput,
  type AppointmentType,
} from '../../domain/appointments.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  canMoveAction,
  canRebook,
  type ActionKind,
  type ActionStatus,
} from '../../domain/statuses.ts';
import { actionEventUpdate } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral } from './load-referral.ts';
import { runReferralStep } from '../temporal-edge.ts';

export type CaseAction = {
  id: string;
  kind: ActionKind;
  kindLabel: string;
  scheduledAt: string;
  status: ActionStatus;
  statusLabel: string;
  /** Appointments: how it is held (none for those booked before types existed), and its address or link. */
  appointmentType: AppointmentType | null;
  appointmentTypeLabel: string | null;
  place: string | null;
  rebookedFromId: string | null;
};

type Presented = Pick<
  CaseActionRecord,
  'id' | 'kind' | 'scheduledAt' | 'status' | 'appointmentType' | 'place' | 'rebookedFromId'
>;
/** An action as the API shows it; a questionnaire's appointments (always of kind appointment) too. */
export const presentAction = (r: Presented): CaseAction => ({
  id: r.id,
  kind: r.kind,
  kindLabel: ACTION_KINDS[r.kind],
  scheduledAt: new Date(r.scheduledAt).toISOString(),
  status: r.status,
  statusLabel: ACTION_STATUSES[r.status].label,
  appointmentType: r.appointmentType,
  appointmentTypeLabel: r.appointmentType ? APPOINTMENT_TYPES[r.appointmentType] : null,
  place: r.place,
  rebookedFromId: r.rebookedFromId,
});

export type Booking = AppointmentInput & { kind: ActionKind; scheduledAt: string };

/** The appointment's type and place as domain/appointments.ts allows them, or a 400 naming each field. */
function appointmentDetails(booking: Booking) {
  const checked = checkAppointment(booking.kind, booking);
  if ('problems' in checked)
    throw new AppError('BAD_REQUEST', `${Object.values(checked.problems).join('. ')}.`, checked.problems);
  return checked.details;
}

export async function listActions(deps: AppDeps, auth: AuthContext, referralId: string): Promise<CaseAction[]> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const rows = await referral
    .$relatedQuery('actions', deps.db)
    .orderBy([{ column: 'scheduledAt' }, { column: 'createdAt' }]);
  return rows.map(presentAction);
}

/**
 * Books an appointment (with its type, and address or link) or requests further medical evidence.
 * The same one twice at the same time is refused: that is a form sent again, not a second booking.
 */
export async function bookAction(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  input: Booking,
  ip: string | null,
  rebookedFromId: string | null = null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const details = appointmentDetails(input);
  const scheduledAt = new Date(input.scheduledAt);
  const id = randomUUID();
  let row: CaseActionRecord | undefined;
  const event = {
    actionId: id,
    event: rebookedFromId ? 'rebooked' : 'booked',
    actorId: auth.user.id,
    kind: input.kind,
  } as const;
  const outcome = await runReferralStep(deps, referral, 'changeAction', actionEventUpdate, event, {
    store: () =>
      deps.db.transaction(async (trx) => {
        // Under a row lock on the referral, so two sends of the same form cannot both pass the check.
        await Referral.query(trx).findById(referralId).forUpdate().select('id');
        const twin = await CaseActionRecord.query(trx)
          .findOne({ referralId, kind: input.kind, scheduledAt, status: 'open' })
          .select('id');
        if (twin) {
          throw new AppError(
            'CONFLICT',
            `This case already has an open ${ACTION_KINDS[input.kind].toLowerCase()} at that date and time.`,
          );
        }
        row = await CaseActionRecord.query(trx)
          .insert({
            id,
            referralId,
            kind: input.kind,
            scheduledAt,
            ...details,
            rebookedFromId,
            createdBy: auth.user.id,
          })
          .returning('*');
      }),
    undo: () => CaseActionRecord.query(deps.db).deleteById(id),
  });
  await auditBy(deps, auth, ip)(
    rebookedFromId ? 'case.action_rebooked' : 'case.action_booked',
    { referral: referralId },
    { actionId: id },
  );
  return { action: presentAction(row!), closureSuggested: outcome.closureSuggested };
}

async function loadAction(deps: AppDeps, referralId: string, actionId: string) {
  if (!isUuid(actionId)) throw notFound('The action');
  const row = await CaseActionRecord.query(deps.db).findOne({ id: actionId, referralId });
  if (!row) throw notFound('The action');
  return row;
}

/** Open → Closed (attended/received), Canx (cancelled) or DNA (did not attend). */
export async function changeActionStatus(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  actionId: string,
  status: Exclude<ActionStatus, 'open'>,
  ip: string | null,
) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const row = await loadAction(deps, referralId, actionId);
  if (!canMoveAction(row.status, status))
    throw new AppError(
      'INVALID_STATE',
      `This action is ${ACTION_STATUSES[row.status].label} already; only an open action can change.`,
    );
  const outcome = await runReferralStep(
    deps,
    referral,
    'changeAction',
    actionEventUpdate,
    { actionId, event: status, actorId: auth.user.id, kind: row.kind },
    {
      store: async () => {
        // Conditional, so two clinicians cannot both move the same open action.
        const moved = await CaseActionRecord.query(deps.db)
          .findById(actionId)
          .where({ status: 'open' })
          .patch({ status, updatedAt: new Date() });
        if (moved !== 1)
          throw new AppError('INVALID_STATE', 'This action changed meanwhile. Reload the case to see it.');
      },
      undo: () => CaseActionRecord.query(deps.db).findById(actionId).patch({ status: 'open' }),
    },
  );
  await auditBy(deps, auth, ip)('case.action_status_changed', { referral: referralId }, { actionId, status });
  return { action: presentAction({ ...row, status }), closureSuggested: outcome.closureSuggested };
}

/** Rebooks a cancelled or missed action as a new one, linked to it; an appointment may change its type and place. */
export async function rebookAction(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  actionId: string,
  input: Omit<Booking, 'kind'>,
  ip: string | null,
) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const row = await loadAction(deps, referralId, actionId);
  if (!canRebook(row.status))
    throw new AppError('INVALID_STATE', 'Only a cancelled (Canx) or missed (DNA) action can be rebooked.');
  return bookAction(deps, auth, referralId, { ...input, kind: row.kind }, ip, actionId);
}
