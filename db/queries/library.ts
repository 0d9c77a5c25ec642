import type { Knex } from 'knex';
import type { Sealed } from '../../services/document-store.ts';

/** The provider's library: documents (guides, forms) published to one organisation, encrypted at rest. */

export type LibraryRow = {
  id: string;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
};

const COLUMNS = ['id', 'title', 'filename', 'content_type', 'size', 'created_at'];

const present = (r: Omit<LibraryRow, 'createdAt'> & { createdAt: Date }): LibraryRow => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
});

export async function insertLibraryDocument(
  db: Knex,
  doc: Omit<LibraryRow, 'createdAt'> & Sealed & { organisationId: string; uploadedBy: string },
): Promise<LibraryRow> {
  const [row] = await db('library_documents').insert(doc).returning(COLUMNS);
  return present(row);
}

/** An organisation's library, newest first. */
export async function listLibrary(db: Knex, organisationId: string): Promise<LibraryRow[]> {
  const rows = await db('library_documents').where({ organisationId }).orderBy('created_at', 'desc').select(COLUMNS);
  return rows.map(present);
}

/** One document of this organisation's library, with its sealed bytes; undefined for any other. */
export async function findLibraryDocument(
  db: Knex,
  organisationId: string,
  id: string,
): Promise<(LibraryRow & Sealed) | undefined> {
  const row = await db('library_documents')
    .where({ organisationId, id })
    .first([...COLUMNS, 'iv', 'auth_tag', 'ciphertext']);
  return row ? { ...present(row), iv: row.iv, authTag: row.authTag, ciphertext: row.ciphertext } : undefined;
}

export async function deleteLibraryDocument(db: Knex, organisationId: string, id: string): Promise<boolean> {
  return (await db('library_documents').where({ organisationId, id }).delete()) > 0;
}

/** The client organisations a provider admin publishes to. */
export async function listClientOrganisations(db: Knex): Promise<{ id: string; name: string }[]> {
  return db('organisations').where({ isProvider: false }).orderBy('name').select('id', 'name');
}
