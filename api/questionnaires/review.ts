import { randomUUID } from 'node:crypto';
import { Membership } from '../../db/models/membership.ts';
import { Referral } from '../../db/models/referral.ts';
import { findOrganisationForm } from '../../db/queries/organisation-forms.ts';
import { findOrganisationWorkflowSettings } from '../../db/queries/organisations.ts';
import {
  deleteQuestionnaireAction,
  findQuestionnaireAction,
  insertQuestionnaireAction,
  moveQuestionnaireAction,
  reopenQuestionnaireAction,
} from '../../db/queries/questionnaire-actions.ts';
import { setQuestionnaireFields } from '../../db/queries/questionnaires.ts';
import { type AppointmentInput, checkAppointment } from '../../domain/appointments.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { can } from '../../domain/permissions.ts';
import { QUESTIONNAIRE_OUTCOMES, type QuestionnaireOutcome } from '../../domain/questionnaire-statuses.ts';
import { QUESTIONNAIRE_WHO_REFUSALS } from '../../domain/questionnaire-transitions.ts';
import { ACTION_STATUSES, type ActionStatus, canMoveAction, canRebook } from '../../domain/statuses.ts';
import {
  acceptUpdate,
  actionEventUpdate,
  referUpdate,
  requireAppointmentUpdate,
  returnUpdate,
} from '../../workflows/questionnaire.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { listColumnsFrom } from '../referrals/create-referral-draft.ts';
import { runQuestionnaireStep, startReferralWorkflow } from '../temporal-edge.ts';
import { readContent, writeContent } from './content.ts';
import { loadVisibleQuestionnaire } from './requests.ts';

/** Clinicians only: 403 for anyone else, before anything is read. */
function requireClinician(auth: AuthContext, refusal: string = QUESTIONNAIRE_WHO_REFUSALS.review) {
  if (!can(auth.actor, 'triage.work')) throw new AppError('FORBIDDEN', refusal);
}

/** The employee's answers, for a clinician only; every read audited. */
export async function readAnswers(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  requireClinician(auth, QUESTIONNAIRE_WHO_REFUSALS.answers);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const content = await readContent(deps, q.id);
  await auditBy(deps, auth, ip)('questionnaire.answers_read', { questionnaire: id });
  return {
    definition: q.definition,
    answers: content.answers,
    returns: content.returns,
  };
}

export async function acceptQuestionnaire(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  outcome: QuestionnaireOutcome,
  ip: string | null,
) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const state = await runQuestionnaireStep(
    deps,
    q,
    'accept',
    acceptUpdate,
    { clinicianId: auth.user.id, outcome },
    {
      store: () => setQuestionnaireFields(deps.db, q.id, { outcome }),
      undo: () => setQuestionnaireFields(deps.db, q.id, { outcome: q.outcome }),
    },
  );
  await auditBy(deps, auth, ip)('questionnaire.accepted', { questionnaire: id }, { outcome });
  return { status: state.status, outcome, outcomeLabel: QUESTIONNAIRE_OUTCOMES[outcome] };
}

/** Back to the employee with a question; it is sealed with their answers, and they answer through a new link. */
export async function returnQuestionnaire(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  question: string,
  ip: string | null,
) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const before = await readContent(deps, q.id);
  const state = await runQuestionnaireStep(
    deps,
    q,
    'returnToEmployee',
    returnUpdate,
    { clinicianId: auth.user.id },
    {
      store: () =>
        writeContent(deps, q.id, {
          ...before,
          returns: [...before.returns, { question, askedAt: new Date().toISOString(), answer: null }],
        }),
      undo: () => writeContent(deps, q.id, before),
    },
  );
  await auditBy(deps, auth, ip)('questionnaire.returned', { questionnaire: id });
  return { status: state.status };
}

export async function requireAppointment(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const state = await runQuestionnaireStep(deps, q, 'requireAppointment', requireAppointmentUpdate, {
    clinicianId: auth.user.id,
  });
  await auditBy(deps, auth, ip)('questionnaire.appointment_required', { questionnaire: id });
  return { status: state.status };
}

export type QuestionnaireBooking = AppointmentInput & { scheduledAt: string };

/**
 * Books an appointment, or rebooks a cancelled or missed one: the appointment rules of
 * domain/appointments.ts and the action statuses of domain/statuses.ts, as on a referral.
 */
export async function bookQuestionnaireAppointment(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  booking: QuestionnaireBooking,
  ip: string | null,
  rebookedFromId: string | null = null,
) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const checked = checkAppointment('appointment', booking);
  if ('problems' in checked)
    throw new AppError('BAD_REQUEST', `${Object.values(checked.problems).join('. ')}.`, checked.problems);
  const actionId = randomUUID();
  const event = rebookedFromId ? 'rebooked' : 'booked';
  await runQuestionnaireStep(
    deps,
    q,
    'changeAction',
    actionEventUpdate,
    { actionId, event, actorId: auth.user.id },
    {
      store: async () => {
        const booked = await insertQuestionnaireAction(deps.db, {
          id: actionId,
          questionnaireId: q.id,
          scheduledAt: new Date(booking.scheduledAt),
          ...checked.details,
          rebookedFromId,
          createdBy: auth.user.id,
        });
        if (!booked)
          throw new AppError('CONFLICT', 'This questionnaire already has an open appointment at that date and time.');
      },
      undo: () => deleteQuestionnaireAction(deps.db, actionId),
    },
  );
  await auditBy(deps, auth, ip)(`questionnaire.appointment_${event}`, { questionnaire: id }, { actionId });
  return { id: actionId };
}

async function loadAction(deps: AppDeps, questionnaireId: string, actionId: string) {
  if (!isUuid(actionId)) throw notFound('The appointment');
  const action = await findQuestionnaireAction(deps.db, questionnaireId, actionId);
  if (!action) throw notFound('The appointment');
  return action;
}

/** Open → Closed (attended), Canx (cancelled) or DNA (did not attend). */
export async function changeQuestionnaireAppointment(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  actionId: string,
  status: Exclude<ActionStatus, 'open'>,
  ip: string | null,
) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const action = await loadAction(deps, q.id, actionId);
  if (!canMoveAction(action.status, status))
    throw new AppError(
      'INVALID_STATE',
      `This appointment is ${ACTION_STATUSES[action.status].label} already; only an open appointment can change.`,
    );
  await runQuestionnaireStep(
    deps,
    q,
    'changeAction',
    actionEventUpdate,
    { actionId, event: status, actorId: auth.user.id },
    {
      store: async () => {
        if (!(await moveQuestionnaireAction(deps.db, actionId, status)))
          throw new AppError('INVALID_STATE', 'This appointment changed meanwhile. Reload the page to see it.');
      },
      undo: () => reopenQuestionnaireAction(deps.db, actionId),
    },
  );
  await auditBy(deps, auth, ip)(
    'questionnaire.appointment_status_changed',
    { questionnaire: id },
    { actionId, status },
  );
  return { status };
}

export async function rebookQuestionnaireAppointment(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  actionId: string,
  booking: QuestionnaireBooking,
  ip: string | null,
) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const action = await loadAction(deps, q.id, actionId);
  if (!canRebook(action.status))
    throw new AppError('INVALID_STATE', 'Only a cancelled (Canx) or missed (DNA) appointment can be rebooked.');
  return bookQuestionnaireAppointment(deps, auth, id, booking, ip, actionId);
}

/**
 * Refer for a full assessment: a Management Referral draft for the requester, with the employee's
 * details filled in (never their answers), in a referral workflow of its own; both are linked.
 */
export async function referQuestionnaire(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  requireClinician(auth);
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  const form = await findOrganisationForm(deps.db, q.organisationId, 'management-referral');
  if (!form)
    throw new AppError(
      'INVALID_STATE',
      'This organisation does not use the Management Referral form, so it cannot be referred for a full assessment here.',
    );
  const membership = await Membership.query(deps.db)
    .findOne({ userId: q.ownerId, organisationId: q.organisationId })
    .select('locationId', 'divisionId', 'departmentId');
  const referralId = randomUUID();
  const formData = {
    employeeFirstName: q.employeeFirstName,
    employeeSurname: q.employeeSurname,
    employeeJobTitle: q.employeeJobTitle,
    employeeEmail: q.employeeEmail,
  };
  const state = await runQuestionnaireStep(
    deps,
    q,
    'refer',
    referUpdate,
    { clinicianId: auth.user.id, referralId },
    {
      store: async () => {
        const org = await findOrganisationWorkflowSettings(deps.db, q.organisationId);
        if (!org) throw notFound('That organisation');
        await startReferralWorkflow(deps, {
          referralId,
          organisationCode: org.code,
          formKey: form.key,
          requiresApproval: org.requiresApproval,
        });
        await Referral.query(deps.db).insert({
          id: referralId,
          organisationId: q.organisationId,
          formTypeId: form.id,
          authorId: q.ownerId,
          ownerId: q.ownerId,
          status: 'draft',
          formData,
          ...listColumnsFrom(formData),
          locationId: membership?.locationId ?? null,
          divisionId: membership?.divisionId ?? null,
          departmentId: membership?.departmentId ?? null,
        });
        await setQuestionnaireFields(deps.db, q.id, { referralId });
      },
      // The draft's run ends by itself once it sees no row (workflows/referral.workflow.ts).
      undo: () => Referral.query(deps.db).deleteById(referralId),
    },
  );
  await auditBy(deps, auth, ip)('questionnaire.referred', { questionnaire: id }, { referralId });
  return { status: state.status, referralId };
}
