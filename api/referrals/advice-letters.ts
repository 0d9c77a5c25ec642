import { randomUUID } from 'node:crypto';
import { AdviceLetter } from '../../db/models/advice-letter.ts';
import { Document } from '../../db/models/document.ts';
import { EmployeeLink } from '../../db/models/employee-link.ts';
import { Organisation } from '../../db/models/organisation.ts';
import { findLiveEmployeeLink } from '../../db/queries/employee-links.ts';
import { letterAddressee } from '../../domain/advice-letters.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { can } from '../../domain/permissions.ts';
import { REFERRAL_STEPS, refusalOf } from '../../domain/referral-transitions.ts';
import { auditLog } from '../../services/audit.ts';
import { open, seal, sniffDocument } from '../../services/document-store.ts';
import { renderAdviceLetter } from '../../services/pdf-letters.ts';
import { hashToken } from '../../services/tokens.ts';
import { letterIssuedUpdate, letterReviewedSignal } from '../../workflows/referral.messages.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { checkFileSize, cleanFilename } from './documents.ts';
import { loadVisibleReferral, type LoadedReferral } from './load-referral.ts';
import { runReferralStep, signalReferral } from '../temporal-edge.ts';

const AWAITING_EMPLOYEE = 'Awaiting employee response';

function key(deps: AppDeps): Buffer {
  if (!deps.settings.documentKey) throw new Error('No DOCUMENT_KEY configured');
  return deps.settings.documentKey;
}

type LetterCase = { referral: LoadedReferral; caseNumber: string; employeeReview: boolean };

/** The open case a letter is written for (issued or previewed), or the refusal. */
async function openCase(deps: AppDeps, auth: AuthContext, referralId: string) {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const refusal = refusalOf('issueLetter', referral.status);
  if (refusal || !referral.caseNumber)
    throw new AppError('INVALID_STATE', refusal ?? REFERRAL_STEPS.issueLetter.refusal);
  return { referral, caseNumber: referral.caseNumber };
}

/**
 * The open case a letter is issued on. If the employee asked to see it first
 * (or the clinician says so), the workflow holds it for their review;
 * otherwise it is released at once.
 */
async function letterCase(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  review: boolean | undefined,
): Promise<LetterCase> {
  const { referral, caseNumber } = await openCase(deps, auth, referralId);
  const employeeReview = review ?? referral.formData.employeeSeesReportFirst === 'Yes';
  if (employeeReview && !referral.formData.employeeEmail?.trim()) {
    throw new AppError(
      'BAD_REQUEST',
      'The employee asked to see the letter first, but the referral has no email address for them. Add one, or send the letter to them another way and issue it without review.',
    );
  }
  return { referral, caseNumber, employeeReview };
}

/** Written or uploaded, the PDF is stored encrypted and the workflow told; if it refuses, the PDF goes again. */
async function issuePdf(
  deps: AppDeps,
  auth: AuthContext,
  { referral, employeeReview }: LetterCase,
  pdf: { filename: string; bytes: Uint8Array },
  ip: string | null,
) {
  const referralId = referral.id;
  const documentId = randomUUID();
  const letterId = randomUUID();
  const result = await runReferralStep(
    deps,
    referral,
    'issueLetter',
    letterIssuedUpdate,
    { letterId, employeeReview, clinicianId: auth.user.id },
    {
      store: () =>
        deps.db.transaction(async (trx) => {
          await Document.query(trx).insert({
            id: documentId,
            referralId,
            kind: 'advice-letter',
            filename: pdf.filename,
            contentType: 'application/pdf',
            size: pdf.bytes.length,
            ...seal(key(deps), documentId, pdf.bytes),
            uploadedBy: auth.user.id,
          });
          await AdviceLetter.query(trx).insert({
            id: letterId,
            referralId,
            documentId,
            employeeReview,
            issuedBy: auth.user.id,
          });
        }),
      // The letter goes with its document.
      undo: () => Document.query(deps.db).deleteById(documentId),
    },
  );
  await auditBy(deps, auth, ip)('case.letter_issued', { referral: referralId }, { letterId, employeeReview });
  return { id: letterId, released: result.released };
}

/** What the clinician wrote, framed and rendered as the PDF the case's letter would be today. */
async function renderWrittenLetter(
  deps: AppDeps,
  auth: AuthContext,
  { referral, caseNumber }: { referral: LoadedReferral; caseNumber: string },
  body: string,
) {
  const provider = await Organisation.query(deps.db).findOne({ isProvider: true }).orderBy('createdAt').select('name');
  const owner = await referral.$relatedQuery('owner', deps.db).select('firstName', 'surname');
  return renderAdviceLetter({
    providerName: provider?.name ?? 'Occupational Health',
    caseNumber,
    date: new Date(),
    addressee: letterAddressee(owner?.fullName),
    employeeName: [referral.formData.employeeFirstName, referral.formData.employeeSurname].filter(Boolean).join(' '),
    body,
    clinicianName: `${auth.user.firstName} ${auth.user.surname}`,
  });
}

const letterFilename = (caseNumber: string, prefix = '') =>
  `${prefix}Advice letter ${caseNumber}.pdf`.replace(/\//g, '-');

/** The clinician writes the letter in the portal; it is rendered to PDF. */
export async function issueLetter(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  input: { body: string; employeeReview?: boolean | undefined },
  ip: string | null,
) {
  const issuing = await letterCase(deps, auth, referralId, input.employeeReview);
  const pdf = await renderWrittenLetter(deps, auth, issuing, input.body);
  return issuePdf(deps, auth, issuing, { filename: letterFilename(issuing.caseNumber), bytes: pdf }, ip);
}

/**
 * The same PDF, before issuing, which is final: nothing is stored, issued or sent, and the workflow
 * is not told. Only what the clinician sends is rendered, back to them.
 */
export async function previewLetter(deps: AppDeps, auth: AuthContext, referralId: string, body: string) {
  const writing = await openCase(deps, auth, referralId);
  const bytes = await renderWrittenLetter(deps, auth, writing, body);
  return { filename: letterFilename(writing.caseNumber, 'Preview of '), bytes };
}

const NOT_PDF = 'The advice letter must be a PDF';

/** The clinician uploads a letter written elsewhere: a PDF by content, at most 10 MB, under its own name. */
export async function uploadLetter(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  file: { name: string; bytes: Uint8Array },
  input: { employeeReview?: boolean | undefined },
  ip: string | null,
) {
  const issuing = await letterCase(deps, auth, referralId, input.employeeReview);
  checkFileSize(file.bytes);
  if ((await sniffDocument(file.bytes))?.mime !== 'application/pdf')
    throw new AppError('BAD_REQUEST', `${NOT_PDF}.`, { file: NOT_PDF });
  return issuePdf(deps, auth, issuing, { filename: cleanFilename(file.name), bytes: file.bytes }, ip);
}

export type LetterView = { id: string; issuedAt: string; released: boolean; state: string; canDownload: boolean };

/** The case's letters; the referrer sees "Awaiting employee response" instead of a link until release. */
export async function listLetters(deps: AppDeps, auth: AuthContext, referralId: string): Promise<LetterView[]> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const clinician = can(auth.actor, 'triage.work');
  const rows = await referral.$relatedQuery('letters', deps.db).orderBy('issuedAt');
  return rows.map((l) => ({
    id: l.id,
    issuedAt: new Date(l.issuedAt).toISOString(),
    released: !!l.releasedAt,
    state: l.releasedAt
      ? 'Released'
      : l.employeeResponse === 'correction'
        ? 'Correction requested by the employee'
        : AWAITING_EMPLOYEE,
    canDownload: !!l.releasedAt || clinician,
  }));
}

export async function downloadLetter(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  letterId: string,
  ip: string | null,
) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!isUuid(letterId)) throw notFound('The letter');
  const letter = await AdviceLetter.query(deps.db).findOne({ id: letterId, referralId }).withGraphFetched('document');
  if (!letter?.document) throw notFound('The letter');
  if (!letter.releasedAt && !can(auth.actor, 'triage.work'))
    throw new AppError('INVALID_STATE', `${AWAITING_EMPLOYEE}: the employee asked to see this letter first.`);
  const { document } = letter;
  await auditBy(deps, auth, ip)('document.downloaded', { document: document.id }, { referralId });
  return { filename: document.filename, bytes: open(key(deps), document.id, document) };
}

const REVIEW_UNUSABLE =
  'This link has expired or has already been used. Contact the occupational health provider if you need a copy of your letter.';

async function reviewLink(deps: AppDeps, token: string) {
  const link = await findLiveEmployeeLink(deps.db, hashToken(token), 'letter-review');
  if (!link?.letterId || !link.documentId) throw new AppError('BAD_REQUEST', REVIEW_UNUSABLE);
  return { ...link, letterId: link.letterId, documentId: link.documentId };
}

/** Someone without an account, acting through an emailed link. */
const employeeAudit = (deps: AppDeps, ip: string | null) =>
  auditLog(deps.db, { actorId: null, organisationId: null, ip });

/** Whether the review link still works, and whose letter it is (the employer only), before the employee reads it. */
export async function describeLetterReview(deps: AppDeps, token: string, ip: string | null) {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const { employer } = await reviewLink(deps, token);
  return { employer };
}

/** The employee reads their letter through the link (until they answer). */
export async function employeeLetterDocument(deps: AppDeps, token: string, ip: string | null) {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const link = await reviewLink(deps, token);
  const document = await Document.query(deps.db).findById(link.documentId);
  if (!document) throw new AppError('BAD_REQUEST', REVIEW_UNUSABLE);
  await employeeAudit(deps, ip)('document.downloaded_by_employee', { document: document.id });
  return { filename: document.filename, bytes: open(key(deps), document.id, document) };
}

/** "Factually accurate" releases the letter; "needs a correction" holds it for the clinician. */
export async function respondToLetter(
  deps: AppDeps,
  token: string,
  response: 'accurate' | 'correction',
  ip: string | null,
): Promise<void> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const link = await reviewLink(deps, token);
  const used = await EmployeeLink.query(deps.db).findById(link.id).whereNull('usedAt').patch({ usedAt: new Date() });
  if (used !== 1) throw new AppError('BAD_REQUEST', REVIEW_UNUSABLE);
  await AdviceLetter.query(deps.db).findById(link.letterId).patch({ employeeResponse: response });
  await signalReferral(
    deps,
    link.referralId,
    letterReviewedSignal,
    { letterId: link.letterId, response },
    REVIEW_UNUSABLE,
  );
  await employeeAudit(deps, ip)(`case.letter_reviewed_${response}`, { referral: link.referralId });
}
