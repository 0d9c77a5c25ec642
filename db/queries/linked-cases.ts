import type { Knex } from 'knex';
import { CASE_STATUSES, type CaseStatus } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { visibleReferrals } from './visibility.ts';

export type LinkedCase = {
  id: string;
  caseNumber: string | null;
  caseType: string;
  submittedAt: string | null;
  status: CaseStatus;
  statusLabel: string;
  /** How it is linked: the re-referral this case was made from or that was made from it, or the same employee. */
  link: 'earlier_referral' | 'later_referral' | 'same_employee';
};

/**
 * Other referrals of the same employee that `viewer` may see (through the one visibility predicate):
 * the re-referral link both ways, and referrals in the same organisation with the same first name,
 * surname (ignoring case) and date of birth. Drafts are left out; oldest first.
 */
export async function listLinkedCases(
  db: Knex,
  viewer: Viewer,
  referral: {
    id: string;
    organisationId: string;
    previousReferralId: string | null;
    employeeFirstName: string | null;
    employeeSurname: string | null;
    dateOfBirth: string | undefined;
  },
): Promise<LinkedCase[]> {
  // The columns are stored trimmed; PostgreSQL's lower() on both sides, so case folds the same way.
  const first = referral.employeeFirstName?.trim();
  const surname = referral.employeeSurname?.trim();
  const dob = referral.dateOfBirth?.trim();
  const rows: {
    id: string;
    caseNumber: string | null;
    caseType: string;
    submittedAt: Date | null;
    createdAt: Date;
    status: CaseStatus;
    previousReferralId: string | null;
  }[] = await visibleReferrals(db, viewer)
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .whereNot('r.id', referral.id)
    .whereNot('r.status', 'draft')
    .where((w) => {
      w.where('r.previous_referral_id', referral.id);
      if (referral.previousReferralId) w.orWhere('r.id', referral.previousReferralId);
      if (first && surname && dob)
        w.orWhere((same) =>
          same
            .where('r.organisation_id', referral.organisationId)
            .whereRaw('lower(r.employee_surname) = lower(?)', [surname])
            .whereRaw('lower(r.employee_first_name) = lower(?)', [first])
            .whereRaw("trim(r.form_data->>'employeeDateOfBirth') = ?", [dob]),
        );
    })
    .orderByRaw('coalesce(r.submitted_at, r.created_at), r.id')
    .limit(100)
    .select(
      'r.id',
      'r.case_number',
      'f.name as case_type',
      'r.submitted_at',
      'r.created_at',
      'r.status',
      'r.previous_referral_id',
    );
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.caseNumber,
    caseType: r.caseType,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    status: r.status,
    statusLabel: CASE_STATUSES[r.status]?.label ?? r.status,
    link:
      r.id === referral.previousReferralId
        ? 'earlier_referral'
        : r.previousReferralId === referral.id
          ? 'later_referral'
          : 'same_employee',
  }));
}
