import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.ts';
import { navigationFor } from '../../domain/permissions.ts';
import { extendSession, invalidateSession } from '../../services/sessions.ts';
import { switchOrganisation } from '../accounts/memberships.ts';
import { auditBy } from '../audit.ts';
import { signIn } from '../accounts/sign-in.ts';
import { completeTwoFactorSignIn } from '../accounts/two-factor.ts';
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
    twoFactorEnabled: z.boolean(),
    twoFactorSetupRequired: z.boolean(),
  })
  .openapi('Session');

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['Session'],
      summary: 'Sign in with username and password',
      description:
        'Three wrong passwords in a row lock the account (423). With two-factor authentication on, the answer asks for the second step.',
      request: jsonBody(
        z.object({
          username: z.string().trim().min(1, 'Enter your username').max(100),
          password: z.string().min(1, 'Enter your password').max(200),
        }),
      ),
      responses: {
        200: json(
          z.object({ twoFactorRequired: z.boolean() }),
          'Signed in, or password accepted with a second step to come',
        ),
        ...errorResponses,
        423: errorResponses[403],
      },
    }),
    async (c) => {
      const result = await signIn(c.get('deps'), { ...c.req.valid('json'), ip: clientIp(c) });
      setSessionCookie(c, result.token);
      return c.json({ twoFactorRequired: result.twoFactorRequired }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/two-factor',
      tags: ['Session'],
      summary: 'Second step of signing in: an authenticator code or a recovery code',
      request: jsonBody(z.object({ code: z.string().max(20).optional(), recoveryCode: z.string().max(40).optional() })),
      responses: { 204: { description: 'Signed in' }, ...errorResponses },
    }),
    async (c) => {
      const pending = c.get('pendingTwoFactor');
      if (!pending) throw new AppError('UNAUTHENTICATED', 'Sign in with your username and password first.');
      await completeTwoFactorSignIn(c.get('deps'), pending, c.req.valid('json'), clientIp(c));
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
      const pending = c.get('pendingTwoFactor');
      if (pending) await invalidateSession(c.get('deps').db, pending.token);
      if (auth) {
        await invalidateSession(c.get('deps').db, auth.sessionToken);
        await auditBy(c.get('deps'), auth, clientIp(c))('auth.signed_out');
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
      const auth = requireAuth(c, { duringTwoFactorSetup: true });
      return c.json(
        {
          user: auth.user,
          organisation: {
            id: auth.organisation.id,
            code: auth.organisation.code,
            name: auth.organisation.name,
            isProvider: auth.organisation.isProvider,
          },
          permissions: auth.membership.permissions,
          navigation: auth.twoFactorSetupRequired
            ? []
            : navigationFor(auth.actor, { myAccountEnabled: auth.organisation.myAccountEnabled }),
          expiresAt: auth.sessionExpiresAt.toISOString(),
          twoFactorEnabled: auth.twoFactorEnabled,
          twoFactorSetupRequired: auth.twoFactorSetupRequired,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/session/extend',
      tags: ['Session'],
      summary: '"Stay signed in": a full 20 minutes from now',
      responses: { 200: json(z.object({ expiresAt: z.string() }), 'Extended'), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c, { duringTwoFactorSetup: true });
      const expiresAt = await extendSession(c.get('deps').db, auth.sessionToken);
      c.header('X-Session-Expires', expiresAt.toISOString());
      return c.json({ expiresAt: expiresAt.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/organisation',
      tags: ['Session'],
      summary: 'Switch the session to another organisation the user belongs to',
      request: jsonBody(z.object({ organisationId: z.string().uuid('Choose an organisation from the list') })),
      responses: { 204: { description: 'Switched' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      await switchOrganisation(c.get('deps'), auth, c.req.valid('json').organisationId, clientIp(c));
      return c.body(null, 204);
    },
  );
