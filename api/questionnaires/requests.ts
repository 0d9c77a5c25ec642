import { randomUUID } from 'node:crypto';
import { findProviderOrganisation } from '../../db/queries/provisioning.ts';
import { listQuestionnaireActions } from '../../db/queries/questionnaire-actions.ts';
import {
  deleteQuestionnaire,
  findOrganisationQuestionnaireType,
  findVisibleQuestionnaire,
  insertQuestionnaire,
  listQuestionnaireEvents,
  type QuestionnaireRecord,
  setQuestionnaireFields,
} from '../../db/queries/questionnaires.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid, referenceOf } from '../../domain/ids.ts';
import { can } from '../../domain/permissions.ts';
import { hasCertificate, QUESTIONNAIRE_OUTCOMES, QUESTIONNAIRE_STATUSES } from '../../domain/questionnaire-statuses.ts';
import { allowedQuestionnaireSteps, QUESTIONNAIRE_WHO_REFUSALS } from '../../domain/questionnaire-transitions.ts';
import { renderFitCertificate } from '../../services/pdf-certificates.ts';
import { resendUpdate } from '../../workflows/questionnaire.messages.ts';
import { auditBy } from '../audit.ts';
import { presentAction } from '../referrals/case-actions.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { runQuestionnaireStep, startQuestionnaireWorkflow } from '../temporal-edge.ts';

export type QuestionnaireRequest = {
  typeKey: string;
  employeeFirstName: string;
  employeeSurname: string;
  employeeJobTitle: string;
  employeeEmail: string;
};

/**
 * Request Questionnaire: the record first, then its workflow, which emails the employee a single-use
 * link. Were Temporal unavailable, the record is taken back: nothing half-made stays.
 */
export async function requestQuestionnaire(
  deps: AppDeps,
  auth: AuthContext,
  input: QuestionnaireRequest,
  ip: string | null,
) {
  const type = await findOrganisationQuestionnaireType(deps.db, auth.organisation.id, input.typeKey);
  if (!type)
    throw new AppError(
      'BAD_REQUEST',
      'That questionnaire is not available to your organisation. Choose one from the list.',
      {
        typeKey: 'Select the questionnaire the employee should complete',
      },
    );
  const id = randomUUID();
  await deps.db.transaction(async (trx) => {
    await insertQuestionnaire(trx, {
      id,
      organisationId: auth.organisation.id,
      questionnaireTypeId: type.id,
      authorId: auth.user.id,
      employeeFirstName: input.employeeFirstName,
      employeeSurname: input.employeeSurname,
      employeeJobTitle: input.employeeJobTitle,
      employeeEmail: input.employeeEmail,
    });
    await auditBy(deps, auth, ip, trx)('questionnaire.requested', { questionnaire: id }, { type: type.key });
  });
  try {
    await startQuestionnaireWorkflow(deps, {
      questionnaireId: id,
      organisationCode: auth.organisation.code,
      typeKey: type.key,
    });
  } catch (error) {
    await deleteQuestionnaire(deps.db, id);
    throw error;
  }
  return { id, reference: referenceOf(id) };
}

/** A questionnaire the viewer may see, or 404: one they must not see is indistinguishable from none. */
export async function loadVisibleQuestionnaire(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
): Promise<QuestionnaireRecord> {
  if (!isUuid(id)) throw notFound('The questionnaire');
  const q = await findVisibleQuestionnaire(deps.db, auth.viewer, id);
  if (!q) throw notFound('The questionnaire');
  return q;
}

const isClinician = (auth: AuthContext) => can(auth.actor, 'triage.work');
const isRequesterSide = (auth: AuthContext) => !auth.actor.isProvider && can(auth.actor, 'questionnaire.request');

/** The case view: the record, its activity and progress to date, appointments; never the answers. */
export async function getQuestionnaireDetail(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  await auditBy(deps, auth, ip)('questionnaire.viewed', { questionnaire: id });
  const status = QUESTIONNAIRE_STATUSES[q.status];
  const actions = await listQuestionnaireActions(deps.db, q.id);
  return {
    id: q.id,
    reference: referenceOf(q.id),
    type: q.typeName,
    typeKey: q.typeKey,
    organisation: q.organisationName,
    employee: `${q.employeeFirstName} ${q.employeeSurname}`,
    jobTitle: q.employeeJobTitle,
    employeeEmail: q.employeeEmail,
    owner: q.ownerName,
    status: q.status,
    statusLabel: status.label,
    statusExplanation: status.explanation,
    tab: status.tab,
    outcome: q.outcome,
    outcomeLabel: q.outcome ? QUESTIONNAIRE_OUTCOMES[q.outcome] : null,
    certificate: q.status === 'completed' && hasCertificate(q.outcome),
    referralId: q.referralId,
    sentAt: q.sentAt.toISOString(),
    submittedAt: q.submittedAt?.toISOString() ?? null,
    completedAt: q.completedAt?.toISOString() ?? null,
    events: await listQuestionnaireEvents(deps.db, q.id),
    actions: actions.map((a) => presentAction({ ...a, kind: 'appointment' })),
    allowed: allowedQuestionnaireSteps(q, { isClinician: isClinician(auth), isRequesterSide: isRequesterSide(auth) }),
  };
}

/**
 * Resend (FAQ 15, 16), optionally to a different email address: the old link stops working at once,
 * the reminder clock restarts, and the change of address is audited.
 */
export async function resendQuestionnaire(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  newEmail: string | undefined,
  ip: string | null,
) {
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  if (!isRequesterSide(auth)) throw new AppError('FORBIDDEN', QUESTIONNAIRE_WHO_REFUSALS.resend);
  const changing = newEmail !== undefined && newEmail.toLowerCase() !== q.employeeEmail.toLowerCase();
  const state = await runQuestionnaireStep(
    deps,
    q,
    'resend',
    resendUpdate,
    { actorId: auth.user.id, newAddress: changing },
    changing
      ? {
          store: () => setQuestionnaireFields(deps.db, q.id, { employeeEmail: newEmail }),
          undo: () => setQuestionnaireFields(deps.db, q.id, { employeeEmail: q.employeeEmail }),
        }
      : undefined,
  );
  // The addresses are personal data: the audit records that it changed, not what to.
  await auditBy(deps, auth, ip)('questionnaire.resent', { questionnaire: id }, { emailChanged: changing });
  return { status: state.status };
}

/** The fit certificate as PDF, for a completed questionnaire with a fit outcome; every download audited. */
export async function questionnaireCertificate(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  const q = await loadVisibleQuestionnaire(deps, auth, id);
  if (q.status !== 'completed' || !hasCertificate(q.outcome))
    throw new AppError(
      'INVALID_STATE',
      'There is no certificate: only a questionnaire completed with a fit outcome has one.',
    );
  const provider = await findProviderOrganisation(deps.db);
  const bytes = await renderFitCertificate({
    providerName: provider?.name ?? 'Occupational Health',
    reference: referenceOf(q.id),
    employeeName: `${q.employeeFirstName} ${q.employeeSurname}`,
    jobTitle: q.employeeJobTitle,
    questionnaire: q.typeName,
    outcome: QUESTIONNAIRE_OUTCOMES[q.outcome!],
    date: q.completedAt ?? new Date(),
  });
  await auditBy(deps, auth, ip)('questionnaire.certificate_downloaded', { questionnaire: id });
  return { filename: `certificate-${referenceOf(q.id)}.pdf`, bytes };
}
