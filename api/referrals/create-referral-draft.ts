import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { EMPLOYEE_NAME_FIELDS, hasAnswers, pickFormFields, type FormDefinition } from '../../domain/forms.ts';
import { recordAudit } from '../../services/audit.ts';
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
  const form = await db('form_types as f')
    .join('organisation_form_types as of', 'of.form_type_id', 'f.id')
    .where({ 'f.key': options.formKey, 'of.organisation_id': auth.organisation.id })
    .first('f.id', 'f.key', 'f.definition');
  if (!form) throw new AppError('BAD_REQUEST', 'That referral type is not available to your organisation. Choose one from the list.');
  const org = await db('organisations').where({ id: auth.organisation.id }).first('code', 'requiresApproval');
  const formData = pickFormFields(form.definition as FormDefinition, options.formData);
  // No empty drafts: the portal opens a new form unsaved and saves it with its first answer.
  if (!hasAnswers(formData)) throw new AppError('BAD_REQUEST', 'Answer at least one question before saving the referral.');
  const id = randomUUID();

  await db.transaction(async (trx) => {
    await trx('referrals').insert({
      id,
      organisationId: auth.organisation.id,
      formTypeId: form.id,
      authorId: auth.user.id,
      ownerId: auth.user.id,
      status: 'draft',
      formData: JSON.stringify(formData),
      ...listColumnsFrom(formData),
      locationId: auth.membership.locationId,
      divisionId: auth.membership.divisionId,
      departmentId: auth.membership.departmentId,
      previousReferralId: options.previousReferralId ?? null,
    });
    // Started inside the transaction: if Temporal refuses, no orphan row is left.
    await startReferralWorkflow(deps, { referralId: id, organisationCode: org.code, formKey: form.key, requiresApproval: org.requiresApproval });
    await recordAudit(trx, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'referral.created', targetType: 'referral', targetId: id, ip: options.ip });
  });
  return { id };
}
