import type { Knex } from 'knex';

/** The monthly MI packs: one per organisation and month, replaced by a run again, kept. */

export type PackRow = { id: string; month: string; builtAt: string; xlsxSize: number; pdfSize: number };

/** Every client organisation (the provider itself has no pack). */
export async function listPackOrganisations(db: Knex): Promise<string[]> {
  const rows = await db('organisations').where({ isProvider: false }).orderBy('name').select('id');
  return rows.map((r: { id: string }) => r.id);
}

export async function organisationSummary(
  db: Knex,
  organisationId: string,
): Promise<{ id: string; name: string; isProvider: boolean } | undefined> {
  return db('organisations').where({ id: organisationId }).first('id', 'name', 'isProvider');
}

/** Stores a pack, replacing the same month's: a retried or repeated build leaves one row. */
export async function savePack(
  db: Knex,
  pack: { organisationId: string; month: string; xlsx: Buffer; pdf: Buffer },
): Promise<string> {
  const [row] = await db('mi_packs')
    .insert({ ...pack, builtAt: db.fn.now() })
    .onConflict(['organisation_id', 'month'])
    .merge(['xlsx', 'pdf', 'built_at'])
    .returning('id');
  return (row as { id: string }).id;
}

/** An organisation's packs, newest month first (sizes, not bytes). */
export async function listPacks(db: Knex, organisationId: string): Promise<PackRow[]> {
  const rows = await db('mi_packs')
    .where({ organisationId })
    .orderBy('month', 'desc')
    .select(
      'id',
      'month',
      'built_at',
      db.raw('octet_length(xlsx) as xlsx_size'),
      db.raw('octet_length(pdf) as pdf_size'),
    );
  return rows.map((r: { id: string; month: string; builtAt: Date; xlsxSize: number; pdfSize: number }) => ({
    id: r.id,
    month: r.month,
    builtAt: new Date(r.builtAt).toISOString(),
    xlsxSize: Number(r.xlsxSize),
    pdfSize: Number(r.pdfSize),
  }));
}

/** One file of a pack of this organisation; undefined when there is none (another organisation's is none). */
export async function packFile(
  db: Knex,
  organisationId: string,
  packId: string,
  format: 'xlsx' | 'pdf',
): Promise<{ month: string; bytes: Buffer } | undefined> {
  const row = await db('mi_packs').where({ id: packId, organisationId }).first('month', format);
  return row ? { month: row.month, bytes: row[format] as Buffer } : undefined;
}
