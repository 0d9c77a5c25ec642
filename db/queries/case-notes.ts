import type { Knex } from 'knex';

export type CaseNote = { id: string; body: string; signedBy: string; createdAt: string };

/** A case's notes, oldest first; the caller has already checked the viewer may see the case. */
export async function listCaseNotes(db: Knex, referralId: string): Promise<CaseNote[]> {
  const rows: { id: string; body: string; signedBy: string; createdAt: Date }[] = await db('case_notes')
    .where({ referralId })
    .orderBy([{ column: 'createdAt' }, { column: 'id' }])
    .select('id', 'body', 'signedBy', 'createdAt');
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function insertCaseNote(
  db: Knex,
  note: { id: string; referralId: string; authorId: string; signedBy: string; body: string },
): Promise<CaseNote> {
  const [row] = await db('case_notes').insert(note).returning(['id', 'body', 'signedBy', 'createdAt']);
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

/** A note's text was never stored for a note that did not reach its email: taken back when starting it fails. */
export async function deleteCaseNote(db: Knex, id: string): Promise<void> {
  await db('case_notes').where({ id }).delete();
}
