import { randomUUID } from 'node:crypto';
import { Organisation } from '../../db/models/organisation.ts';
import { deleteCaseNote, insertCaseNote, listCaseNotes, type CaseNote } from '../../db/queries/case-notes.ts';
import { listLinkedCases, type LinkedCase } from '../../db/queries/linked-cases.ts';
import { AppError } from '../../domain/errors.ts';
import { referenceOf } from '../../domain/ids.ts';
import { renderReferralForm } from '../../services/pdf-referral-form.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { startCaseNoteEmail } from '../temporal-edge.ts';
import { loadVisibleReferral } from './load-referral.ts';

/** A case's notes, for anyone who may see the case; audited as a read of the case. */
export async function listNotes(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const notes = await listCaseNotes(deps.db, referralId);
  await auditBy(deps, auth, ip)('case.notes_viewed', { referral: referralId }, { count: notes.length });
  return notes;
}

/**
 * A clinician's note for the referrer, dated and signed with their name; the owner and sharers with
 * notifications on are emailed that a note was added, never its text. If Temporal cannot take the email,
 * the note is taken back and the clinician is told to try again, so no note goes unannounced.
 */
export async function addNote(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  body: string,
  ip: string | null,
): Promise<CaseNote> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!referral.caseNumber)
    throw new AppError('INVALID_STATE', 'Notes can only be added to a case: accept the referral first.');
  const text = body.trim();
  if (!text) throw new AppError('BAD_REQUEST', 'Enter the note.', { body: 'Enter the note' });
  const id = randomUUID();
  const signedBy = [auth.user.firstName, auth.user.surname].filter(Boolean).join(' ');
  const note = await insertCaseNote(deps.db, { id, referralId, authorId: auth.user.id, signedBy, body: text });
  try {
    await startCaseNoteEmail(deps, { referralId, noteId: id });
  } catch (error) {
    await deleteCaseNote(deps.db, id);
    throw error;
  }
  await auditBy(deps, auth, ip)('case.note_added', { referral: referralId }, { noteId: id });
  return note;
}

/** Earlier and later referrals of the same employee that this viewer may see. */
export async function linkedCases(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  ip: string | null,
): Promise<LinkedCase[]> {
  const r = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const linked = await listLinkedCases(deps.db, auth.viewer, {
    id: r.id,
    organisationId: r.organisationId,
    previousReferralId: r.previousReferralId,
    employeeFirstName: r.employeeFirstName,
    employeeSurname: r.employeeSurname,
    dateOfBirth: r.formData.employeeDateOfBirth,
  });
  await auditBy(deps, auth, ip)('case.linked_cases_viewed', { referral: referralId }, { count: linked.length });
  return linked;
}

/** The referral form itself, as a PDF made from its stored answers and its form's definition; audited. */
export async function referralFormPdf(deps: AppDeps, auth: AuthContext, referralId: string, ip: string | null) {
  const r = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const organisation = await Organisation.query(deps.db).findById(r.organisationId).select('name');
  const reference = r.caseNumber ?? referenceOf(r.id);
  const bytes = await renderReferralForm({
    definition: r.formType.definition,
    data: r.formData,
    reference,
    organisation: organisation?.name ?? '',
    submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
  });
  await auditBy(deps, auth, ip)('document.downloaded', { referral: referralId }, { document: 'referral-form' });
  return { filename: `Referral form ${reference.replaceAll('/', '-')}.pdf`, bytes };
}
