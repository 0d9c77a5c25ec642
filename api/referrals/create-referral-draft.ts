import { randomUUID } from 'node:crypto';
import { Organisation } from '../../db/models/organisation.ts';
import { Referral } from '../../db/models/referral.ts';
import { findOrganisationForm } from '../../db/queries/organisation-forms.ts';
import { AppError } from '../../domain/errors.ts';
import { EMPLOYEE_NAME_FIELDS, hasAnswers, pickFormFields } from '../../domain/forms.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { startReferralWorkflow } from '../temporal-edge.ts';

export type CreateReferralDraftOptions = { formKey: string; formData: Record<string, unknown>; ip?: string | null; previousReferralId?: string };

/** Employee name columns, copied out of the form so lists can search them. */
export const listColumnsFrom = (data: Record<string, string>) => ({
  employeeFirstName: data[EMPLOYEE_NAME_FIELDS.firstName]?.trim() || null,
  employeeSurname: data[EMPLOYEE_NAME_FIELDS.surname]?.trim() || null,
});

/** The first save of a referral: its row, and the workflow that owns it from now on. */
export async function createReferralDraft(deps: AppDeps, auth: AuthContext, options: CreateReferralDraftOptions) {
  const { db } = deps;
  const form = await findOrganisationForm(db, auth.organisation.id, options.formKey);
  if (!form) throw new AppError('BAD_REQUEST', 'That referral type is not available to your organisation. Choose one from the list.');
  const org = await Organisation.query(db).findById(auth.organisation.id).select('code', 'requiresApproval').throwIfNotFound();
  const formData = pickFormFields(form.definition, options.formData);
  // No empty drafts: the portal opens a new form unsaved and saves it with its first answer.
  if (!hasAnswers(formData)) throw new AppError('BAD_REQUEST', 'Answer at least one question before saving the referral.');
  const id = randomUUID();

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
    // Started inside the transaction: if Temporal refuses, no orphan row is left.
    await startReferralWorkflow(deps, { referralId: id, organisationCode: org.code, formKey: form.key, requiresApproval: org.requiresApproval });
    await auditBy(deps, auth, options.ip, trx)('referral.created', { referral: id });
  });
  return { id };
}
