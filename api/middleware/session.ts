import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.ts';
import { can, type Action } from '../../domain/permissions.ts';
import { authenticateSessionToken, SESSION_IDLE_MS } from '../../services/sessions.ts';
import { authContextOf } from '../auth/load-auth-context.ts';
import type { AppEnv, AuthContext } from '../context.ts';
import { isPublicRoute } from '../public-routes.ts';

export const SESSION_COOKIE = 'casebook_session';

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  withoutSessionCookie(c);
  writeSessionCookie(c, token);
}

/** Signs the session out in the browser: the one Set-Cookie of this response for the session cookie. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  withoutSessionCookie(c);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  c.header('X-Session-Expires', undefined);
}

function writeSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: c.get('deps').settings.cookieSecure,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_IDLE_MS / 1000,
  });
}

/**
 * Drops the session cookie loadSession set for this request (a refresh or a clear), keeping any
 * other cookie, so a response never carries two session cookies.
 */
function withoutSessionCookie(c: Context<AppEnv>): void {
  const others = c.res.headers.getSetCookie().filter((v) => !v.startsWith(`${SESSION_COOKIE}=`));
  c.header('Set-Cookie', undefined);
  for (const v of others) c.header('Set-Cookie', v, { append: true });
}

/**
 * Loads the signed-in user, their current organisation and permissions, or null.
 * The cookie is refreshed (or cleared when it names no live session) before the
 * handler runs, which replaces it when it signs in or out: a header added after the
 * handler would make @hono/node-server rebuild the finished response, a cost every
 * request paid.
 */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', null);
    c.set('pendingTwoFactor', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const { db, sessionCache } = c.get('deps');
      // One query for the session, the user, their membership and whose cases they see, or none.
      const found = await authenticateSessionToken(db, token, Date.now(), sessionCache);
      const session = found?.session;
      const auth =
        session && !session.twoFactorPending && found.member
          ? authContextOf(found.member, { ...session, token })
          : null;
      if (session?.twoFactorPending) {
        c.set('pendingTwoFactor', { token, userId: session.userId });
      } else if (auth) {
        c.set('auth', auth);
        writeSessionCookie(c, token);
        // The portal's timeout warning counts down from this.
        c.header('X-Session-Expires', auth.sessionExpiresAt.toISOString());
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    await next();
  };
}

/** The 401 for a request without a live session: a cookie that came and no longer works means it ended. */
function notSignedIn(c: Context<AppEnv>): AppError {
  return getCookie(c, SESSION_COOKIE)
    ? new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in to continue.')
    : new AppError('UNAUTHENTICATED', 'Sign in to continue.');
}

/**
 * Authenticate first, then validate: outside the public routes, a request
 * without a signed-in user is refused before its body or parameters are read.
 */
export function requireSignInOutsidePublicRoutes(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('auth') && !isPublicRoute(c.req.method, c.req.path)) throw notSignedIn(c);
    await next();
  };
}

/**
 * The signed-in user, or a 401 the portal answers by showing sign-in. Where the
 * organisation requires two-factor authentication and the user has not set it
 * up, only the set-up itself is allowed.
 */
export function requireAuth(c: Context<AppEnv>, options: { duringTwoFactorSetup?: boolean } = {}): AuthContext {
  const auth = c.get('auth');
  if (!auth) throw notSignedIn(c);
  if (auth.twoFactorSetupRequired && !options.duringTwoFactorSetup) {
    throw new AppError(
      'TWO_FACTOR_REQUIRED',
      'Your organisation requires two-factor authentication. Set it up in My Account to continue.',
    );
  }
  return auth;
}

/** requireAuth plus a permission check; 403 when the user may not do this. */
export function requirePermission(c: Context<AppEnv>, action: Action): AuthContext {
  const auth = requireAuth(c);
  if (!can(auth.actor, action)) throw new AppError('FORBIDDEN', 'You do not have permission to do this.');
  return auth;
}
