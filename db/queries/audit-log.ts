import type { Knex } from 'knex';

export type AuditRow = {
  actorId: string | null;
  organisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: Record<string, string | number | boolean | null> | null;
};

/** Appends one entry (the table refuses updates and deletes). */
export async function insertAuditEntry(db: Knex, row: AuditRow): Promise<void> {
  await db('audit_log').insert({ ...row, detail: row.detail ? JSON.stringify(row.detail) : null });
}
