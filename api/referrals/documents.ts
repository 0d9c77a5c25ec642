import { randomUUID } from 'node:crypto';
import { Document } from '../../db/models/document.ts';
import { Referral } from '../../db/models/referral.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import {
  ACCEPTED_DESCRIPTION,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  open,
  seal,
  sniffDocument,
} from '../../services/document-store.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { loadVisibleReferral, type LoadedReferral } from './load-referral.ts';

export type DocumentInfo = {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  slot: string | null;
  createdAt: string;
};

const info = (d: Pick<Document, 'id' | 'filename' | 'contentType' | 'size' | 'slot' | 'createdAt'>): DocumentInfo => ({
  id: d.id,
  filename: d.filename,
  contentType: d.contentType,
  size: d.size,
  slot: d.slot,
  createdAt: new Date(d.createdAt).toISOString(),
});

function documentKey(deps: AppDeps): Buffer {
  if (!deps.settings.documentKey) throw new Error('No DOCUMENT_KEY configured');
  return deps.settings.documentKey;
}

async function editableDraft(deps: AppDeps, auth: AuthContext, referralId: string): Promise<LoadedReferral> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (referral.authorId !== auth.user.id)
    throw new AppError('FORBIDDEN', 'Only the author of a referral can change its documents.');
  if (referral.status !== 'draft')
    throw new AppError('INVALID_STATE', 'This referral has been submitted: its documents can no longer be changed.');
  return referral;
}

/** A name safe to show and to send back in a download header. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // By code point, so cutting to length never leaves half of a surrogate pair.
  const cleaned = Array.from(base.replace(/[\u0000-\u001F\u007F"]/g, '').trim())
    .slice(-200)
    .join('');
  return cleaned || 'document';
}

/** Also what the body limit answers, before the upload is read. */
export const fileTooLarge = () =>
  new AppError('BAD_REQUEST', 'The selected file must be smaller than 10 MB.', {
    file: 'The selected file must be smaller than 10 MB',
  });

/** Any upload: not empty, at most 10 MB. */
export function checkFileSize(bytes: Uint8Array): void {
  if (bytes.length === 0)
    throw new AppError('BAD_REQUEST', 'The selected file is empty.', { file: 'The selected file is empty' });
  if (bytes.length > MAX_DOCUMENT_BYTES) throw fileTooLarge();
}

/** Adds a supporting document to a draft: at most 5, 10 MB each, Word/Excel/text/PDF by content. */
export async function uploadDocument(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  file: { name: string; bytes: Uint8Array },
  slot: string | undefined,
  ip: string | null,
): Promise<DocumentInfo> {
  const referral = await editableDraft(deps, auth, referralId);
  const slots = referral.formType.definition.steps.flatMap((s) => s.documentSlots ?? []);
  if (slots.length && !slots.some((s) => s.key === slot))
    throw new AppError('BAD_REQUEST', 'Choose which document this is from the list.', {
      slot: 'Choose which document this is',
    });
  if (!slots.length && slot)
    throw new AppError('BAD_REQUEST', 'This form has no document slots.', { slot: 'This form has no document slots' });
  checkFileSize(file.bytes);
  const kind = await sniffDocument(file.bytes);
  if (!kind) {
    const message = `The selected file must be ${ACCEPTED_DESCRIPTION}.`;
    throw new AppError('BAD_REQUEST', message, { file: message });
  }
  const id = randomUUID();
  const sealed = seal(documentKey(deps), id, file.bytes);
  const filename = cleanFilename(file.name);
  const created = await deps.db.transaction(async (trx) => {
    // Counted under a row lock on the referral, so two uploads at once cannot make six.
    await Referral.query(trx).findById(referralId).forUpdate().select('id');
    const attachments = Document.query(trx).where({ referralId, kind: 'attachment' });
    if ((await attachments.resultSize()) >= MAX_DOCUMENTS)
      throw new AppError(
        'BAD_REQUEST',
        'A referral can have up to 5 supporting documents. Remove one to add another.',
        { file: 'A referral can have up to 5 supporting documents' },
      );
    if (slot && (await Document.query(trx).findOne({ referralId, slot }).select('id'))) {
      throw new AppError('CONFLICT', 'That slot already has a document. Remove it first to replace it.', {
        slot: 'That slot already has a document',
      });
    }
    const row = await Document.query(trx)
      .insert({
        id,
        referralId,
        slot: slot ?? null,
        filename,
        contentType: kind.mime,
        size: file.bytes.length,
        ...sealed,
        uploadedBy: auth.user.id,
      })
      .returning(['id', 'filename', 'contentType', 'size', 'slot', 'createdAt']);
    await auditBy(deps, auth, ip, trx)('document.uploaded', { document: id }, { referralId });
    return row;
  });
  return info(created);
}

/**
 * Attachments only, here and in download and delete: advice letters share the table
 * but are reachable only through the letter routes, which hold them until release.
 */
export async function listDocuments(deps: AppDeps, auth: AuthContext, referralId: string): Promise<DocumentInfo[]> {
  const referral = await loadVisibleReferral(deps.db, auth.viewer, referralId);
  const rows = await referral
    .$relatedQuery('documents', deps.db)
    .modify('metadata')
    .where({ kind: 'attachment' })
    .orderBy('createdAt');
  return rows.map(info);
}

/** The decrypted file, for a user who may see the case; every download is audited. */
export async function downloadDocument(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  documentId: string,
  ip: string | null,
) {
  await loadVisibleReferral(deps.db, auth.viewer, referralId);
  if (!isUuid(documentId)) throw notFound('The document');
  const row = await Document.query(deps.db).findOne({ id: documentId, referralId, kind: 'attachment' });
  if (!row) throw notFound('The document');
  await auditBy(deps, auth, ip)('document.downloaded', { document: documentId }, { referralId });
  return { filename: row.filename, contentType: row.contentType, bytes: open(documentKey(deps), documentId, row) };
}

export async function deleteDocument(
  deps: AppDeps,
  auth: AuthContext,
  referralId: string,
  documentId: string,
  ip: string | null,
): Promise<void> {
  await editableDraft(deps, auth, referralId);
  if (!isUuid(documentId)) throw notFound('The document');
  const deleted = await Document.query(deps.db).delete().where({ id: documentId, referralId, kind: 'attachment' });
  if (!deleted) throw notFound('The document');
  await auditBy(deps, auth, ip)('document.deleted', { document: documentId }, { referralId });
}
