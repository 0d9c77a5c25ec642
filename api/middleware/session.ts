import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.ts';
import { can, type Action, type Permission } from '../../domain/permissions.ts';
import { SESSION_IDLE_MS, validateSessionToken } from '../../services/sessions.ts';
import type { AppEnv, AuthContext } from '../context.ts';

export const SESSION_COOKIE = 'casebook_session';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: c.get('deps').settings.cookieSecure,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

/** Loads the signed-in user, their current organisation and permissions, or null. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const { db } = c.get('deps');
      const session = await validateSessionToken(db, token);
      const row = session
        ? await db('users as u')
            .join('memberships as m', 'm.user_id', 'u.id')
            .join('organisations as o', 'o.id', 'm.organisation_id')
            .where({ 'u.id': session.userId, 'm.organisation_id': session.organisationId, 'u.status': 'active', 'm.status': 'active' })
            .first(
              'u.id', 'u.username', 'u.title', 'u.first_name', 'u.surname', 'u.email', 'u.job_title', 'u.telephone',
              'u.work_address', 'u.work_postcode', 'm.location_id', 'm.division_id', 'm.department_id', 'm.permissions',
              'o.id as org_id', 'o.code as org_code', 'o.name as org_name', 'o.is_provider', 'o.my_account_enabled',
            )
        : undefined;
      if (session && row) {
        const permissions = row.permissions as Permission[];
        const actor = { userId: row.id, organisationId: row.orgId, isProvider: row.isProvider, permissions };
        const auth: AuthContext = {
          sessionToken: token,
          sessionExpiresAt: session.expiresAt,
          user: {
            id: row.id, username: row.username, title: row.title, firstName: row.firstName, surname: row.surname,
            email: row.email, jobTitle: row.jobTitle, telephone: row.telephone, workAddress: row.workAddress, workPostcode: row.workPostcode,
          },
          organisation: { id: row.orgId, code: row.orgCode, name: row.orgName, isProvider: row.isProvider, myAccountEnabled: row.myAccountEnabled },
          membership: { locationId: row.locationId, divisionId: row.divisionId, departmentId: row.departmentId, permissions },
          actor,
          viewer: { userId: row.id, organisationId: row.orgId, seesAllSubmitted: can(actor, 'triage.work') },
        };
        c.set('auth', auth);
        setSessionCookie(c, token);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

/** The signed-in user, or a 401 the portal answers by showing sign-in. */
export function requireAuth(c: Context<AppEnv>): AuthContext {
  const auth = c.get('auth');
  if (!auth) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in to continue.');
  return auth;
}

/** requireAuth plus a permission check; 403 when the user may not do this. */
export function requirePermission(c: Context<AppEnv>, action: Action): AuthContext {
  const auth = requireAuth(c);
  if (!can(auth.actor, action)) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  return auth;
}
