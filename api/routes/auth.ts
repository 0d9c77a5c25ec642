import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.ts';
import { navigationFor } from '../../domain/permissions.ts';
import { recordAudit } from '../../services/audit.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { createSession, generateSessionToken, invalidateSession } from '../../services/sessions.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const SessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      title: z.string().nullable(),
      firstName: z.string(),
      surname: z.string(),
      email: z.string(),
      jobTitle: z.string().nullable(),
      telephone: z.string().nullable(),
      workAddress: z.string().nullable(),
      workPostcode: z.string().nullable(),
    }),
    organisation: z.object({ id: z.string(), code: z.string(), name: z.string(), isProvider: z.boolean() }),
    permissions: z.array(z.string()),
    navigation: z.array(z.object({ key: z.string(), label: z.string(), path: z.string() })),
    expiresAt: z.string(),
  })
  .openapi('Session');

const WRONG_CREDENTIALS = 'Enter a correct username and password.';
// Compared against when the username is unknown, so both paths take as long.
const dummyHash = hashPassword('casebook-timing-equaliser');

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['Session'],
      summary: 'Sign in with username and password',
      request: jsonBody(z.object({ username: z.string().trim().min(1, 'Enter your username').max(100), password: z.string().min(1, 'Enter your password').max(200) })),
      responses: { 204: { description: 'Signed in; the session cookie is set' }, ...errorResponses },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const { db } = c.get('deps');
      const user = await db('users').whereRaw('lower(username) = lower(?)', [username]).first('id', 'passwordHash', 'status');
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
      const membership = user && ok
        ? await db('memberships').where({ userId: user.id, status: 'active' }).orderBy('createdAt').first('organisationId')
        : undefined;
      if (!user || !ok || user.status !== 'active' || !membership) {
        await recordAudit(db, { actorId: user?.id ?? null, organisationId: null, action: 'auth.sign_in_failed', ip: clientIp(c) });
        throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
      }
      const token = generateSessionToken();
      await createSession(db, token, user.id, membership.organisationId);
      await db('users').where({ id: user.id }).update({ lastLoginAt: new Date(), failedLoginCount: 0 });
      await recordAudit(db, { actorId: user.id, organisationId: membership.organisationId, action: 'auth.signed_in', ip: clientIp(c) });
      setSessionCookie(c, token);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['Session'],
      summary: 'Sign out: ends the session on the server',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const auth = c.get('auth');
      if (auth) {
        await invalidateSession(c.get('deps').db, auth.sessionToken);
        await recordAudit(c.get('deps').db, { actorId: auth.user.id, organisationId: auth.organisation.id, action: 'auth.signed_out', ip: clientIp(c) });
      }
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['Session'],
      summary: 'The signed-in user, organisation, permissions and navigation',
      responses: { 200: json(SessionSchema, 'The current session'), ...errorResponses },
    }),
    (c) => {
      const auth = requireAuth(c);
      return c.json(
        {
          user: auth.user,
          organisation: { id: auth.organisation.id, code: auth.organisation.code, name: auth.organisation.name, isProvider: auth.organisation.isProvider },
          permissions: auth.membership.permissions,
          navigation: navigationFor(auth.actor, { myAccountEnabled: auth.organisation.myAccountEnabled }),
          expiresAt: auth.sessionExpiresAt.toISOString(),
        },
        200,
      );
    },
  );
