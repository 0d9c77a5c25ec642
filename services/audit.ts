import type { Knex } from 'knex';

export type AuditEntry = {
  actorId: string | null;
  organisationId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  /** Never secrets or health details: ids, enums and counts only. */
  detail?: Record<string, string | number | boolean | null>;
};

/** Appends to the audit log (the table refuses updates and deletes). */
export async function recordAudit(db: Knex, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actorId: entry.actorId,
    organisationId: entry.organisationId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  });
}
