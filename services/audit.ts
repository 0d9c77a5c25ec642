import type { Knex } from 'knex';
import { insertAuditEntry } from '../db/queries/audit-log.ts';

/** Who did it: a user in an organisation, or nobody signed in (an employee's link, a failed sign-in). */
export type AuditActor = { actorId: string | null; organisationId: string | null; ip?: string | null | undefined };

/** Never secrets or health details: ids, enums and counts only. */
export type AuditDetail = Record<string, string | number | boolean | null>;

type AuditEntry = AuditActor & { action: string; targetType?: string; targetId?: string; detail?: AuditDetail };

/** Appends to the audit log. */
async function recordAudit(db: Knex, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(db, {
    actorId: entry.actorId,
    organisationId: entry.organisationId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    detail: entry.detail ?? null,
  });
}

/**
 * The audit log as one actor writes it: `audit('case.closed', { referral: id })`.
 * `db` may be a transaction, so the entry commits with what it records.
 */
export function auditLog(db: Knex, actor: AuditActor) {
  return (
    action: string,
    target?: Partial<
      Record<'referral' | 'questionnaire' | 'document' | 'user' | 'organisation' | 'membership', string>
    >,
    detail?: AuditDetail,
  ) => {
    const [targetType, targetId] = Object.entries(target ?? {})[0] ?? [];
    return recordAudit(db, {
      ...actor,
      action,
      ...(targetType && targetId ? { targetType, targetId } : {}),
      ...(detail ? { detail } : {}),
    });
  };
}
