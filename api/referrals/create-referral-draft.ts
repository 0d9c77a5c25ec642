import { randomUUID } from 'node:crypto';
import { Organisation } from '../../db/models/organisation.ts';
import { Referral } from '../../db/models/referral.ts';
import { findOrganisationForm } from '../../db/queries/organisation-forms.ts';
import { stillBefore } from '../../db/queries/database-clock.ts';
import { AppError, ServiceUnavailableError } from '../../domain/errors.ts';
import { EMPLOYEE_NAME_FIELDS, hasAnswers, pickFormFields } from '../../domain/forms.ts';
import { DEFAULT_DURATIONS_MS } from '../../temporal.config.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { startReferralWorkflow } from '../temporal-edge.ts';

export type CreateReferralDraftOptions = {
  formKey: string;
  formData: Record<string, unknown>;
  ip?: string | null;
  previousReferralId?: string;
};

/** Employee name columns, copied out of the form so lists can search them. */
export const listColumnsFrom = (data: Record<string, string>) => ({
  employeeFirstName: data[EMPLOYEE_NAME_FIELDS.firstName]?.trim() || null,
  employeeSurname: data[EMPLOYEE_NAME_FIELDS.surname]?.trim() || null,
});

/**
 * The first save of a referral: the workflow that owns it from now on, then its row. Never one
 * transaction around both: a slow or absent Temporal would hold a pooled connection per request.
 * In this order a Temporal outage leaves nothing (a 503, nothing written), and a crash or a database
 * failure between the two leaves a run without a row, which ends itself once it sees no row came
 * (workflows/referral.workflow.ts): after recovery both exist, or neither.
 */
export async function createReferralDraft(deps: AppDeps, auth: AuthContext, options: CreateReferralDraftOptions) {
  const { db } = deps;
  const form = await findOrganisationForm(db, auth.organisation.id, options.formKey);
  if (!form)
    throw new AppError(
      'BAD_REQUEST',
      'That referral type is not available to your organisation. Choose one from the list.',
    );
  const org = await Organisation.query(db)
    .findById(auth.organisation.id)
    .select('code', 'requiresApproval')
    .throwIfNotFound();
  const formData = pickFormFields(form.definition, options.formData);
  // No empty drafts: the portal opens a new form unsaved and saves it with its first answer.
  if (!hasAnswers(formData))
    throw new AppError('BAD_REQUEST', 'Answer at least one question before saving the referral.');
  const id = randomUUID();

  // The run checks for the row after newReferralRow; the row is written within half of that or not at all.
  const rowDeadline = new Date(Date.now() + rowWait(deps) / 2);
  await startReferralWorkflow(deps, {
    referralId: id,
    organisationCode: org.code,
    formKey: form.key,
    requiresApproval: org.requiresApproval,
  });
  await testPause(deps, id);
  await db.transaction(async (trx) => {
    await Referral.query(trx).insert({
      id,
      organisationId: auth.organisation.id,
      formTypeId: form.id,
      authorId: auth.user.id,
      ownerId: auth.user.id,
      status: 'draft',
      formData,
      ...listColumnsFrom(formData),
      locationId: auth.membership.locationId,
      divisionId: auth.membership.divisionId,
      departmentId: auth.membership.departmentId,
      previousReferralId: options.previousReferralId ?? null,
    });
    await auditBy(deps, auth, options.ip, trx)('referral.created', { referral: id });
    // Too late: the run may have checked already and ended, so no row after all (it rolls back).
    if (!(await stillBefore(trx, rowDeadline))) throw new ServiceUnavailableError('database');
  });
  return { id };
}

const rowWait = (deps: AppDeps) => deps.settings.durations?.newReferralRow ?? DEFAULT_DURATIONS_MS.newReferralRow;

/** Tests only (TEST_PAUSE_BEFORE_REFERRAL_ROW_MS): holds the request between the two steps, saying so. */
async function testPause(deps: AppDeps, referralId: string): Promise<void> {
  const ms = deps.settings.testPauseBeforeReferralRowMs;
  if (!ms) return;
  deps.log?.warn({ referral: referralId, ms }, 'test pause before the referral row');
  await new Promise((resolve) => setTimeout(resolve, ms));
}
