import { randomUUID } from 'node:crypto';
import {
  deleteLibraryDocument,
  findLibraryDocument,
  insertLibraryDocument,
  listClientOrganisations,
  listLibrary,
  type LibraryRow,
} from '../../db/queries/library.ts';
import { organisationSummary } from '../../db/queries/mi-packs.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { ACCEPTED_DESCRIPTION, open, seal, sniffDocument } from '../../services/document-store.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { checkFileSize, cleanFilename } from '../referrals/documents.ts';

/**
 * The library: the provider publishes documents (guides, forms) to an organisation, checked by content as
 * supporting documents are; every user of that organisation lists and downloads them, each download audited.
 */

function documentKey(deps: AppDeps): Buffer {
  if (!deps.settings.documentKey) throw new Error('No DOCUMENT_KEY configured');
  return deps.settings.documentKey;
}

async function clientOrganisation(deps: AppDeps, organisationId: string) {
  const organisation = await organisationSummary(deps.db, organisationId);
  if (!organisation || organisation.isProvider) throw notFound('The organisation');
  return organisation;
}

export const listOwnLibrary = (deps: AppDeps, auth: AuthContext) => listLibrary(deps.db, auth.organisation.id);

export const listOrganisations = (deps: AppDeps) => listClientOrganisations(deps.db);

export async function listLibraryOf(deps: AppDeps, organisationId: string): Promise<LibraryRow[]> {
  await clientOrganisation(deps, organisationId);
  return listLibrary(deps.db, organisationId);
}

export async function publishDocument(
  deps: AppDeps,
  auth: AuthContext,
  organisationId: string,
  input: { title: string; file: { name: string; bytes: Uint8Array } },
  ip: string | null,
): Promise<LibraryRow> {
  await clientOrganisation(deps, organisationId);
  checkFileSize(input.file.bytes);
  const kind = await sniffDocument(input.file.bytes);
  if (!kind) {
    const message = `The selected file must be ${ACCEPTED_DESCRIPTION}.`;
    throw new AppError('BAD_REQUEST', message, { file: message });
  }
  const id = randomUUID();
  return deps.db.transaction(async (trx) => {
    const row = await insertLibraryDocument(trx, {
      id,
      organisationId,
      title: input.title,
      filename: cleanFilename(input.file.name),
      contentType: kind.mime,
      size: input.file.bytes.length,
      ...seal(documentKey(deps), id, input.file.bytes),
      uploadedBy: auth.user.id,
    });
    await auditBy(deps, auth, ip, trx)('library.published', { document: id }, { organisationId });
    return row;
  });
}

export async function withdrawDocument(
  deps: AppDeps,
  auth: AuthContext,
  organisationId: string,
  id: string,
  ip: string | null,
): Promise<void> {
  await deps.db.transaction(async (trx) => {
    if (!(await deleteLibraryDocument(trx, organisationId, id))) throw notFound('The document');
    await auditBy(deps, auth, ip, trx)('library.withdrawn', { document: id }, { organisationId });
  });
}

/** A document of the user's own organisation's library, decrypted; audited. Another organisation's is not found. */
export async function downloadLibraryDocument(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  ip: string | null,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  const doc = await findLibraryDocument(deps.db, auth.organisation.id, id);
  if (!doc) throw notFound('The document');
  const bytes = open(documentKey(deps), id, doc);
  await auditBy(deps, auth, ip)('library.downloaded', { document: id });
  return { filename: doc.filename, contentType: doc.contentType, bytes };
}
