import type { Knex } from 'knex';
import { auditLog } from '../services/audit.ts';
import type { AppDeps, AuthContext } from './context.ts';

/** The signed-in user's audit log for this request; pass `db` to write inside a transaction. */
export const auditBy = (deps: AppDeps, auth: AuthContext, ip: string | null | undefined, db: Knex = deps.db) =>
  auditLog(db, { actorId: auth.user.id, organisationId: auth.organisation.id, ip });
