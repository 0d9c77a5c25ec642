import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.ts';
import { can, type Action } from '../../domain/permissions.ts';
import { SESSION_IDLE_MS, validateSessionToken } from '../../services/sessions.ts';
import { loadAuthContext } from '../auth/load-auth-context.ts';
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
      const auth = session ? await loadAuthContext(db, { ...session, token }) : null;
      if (auth) {
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
