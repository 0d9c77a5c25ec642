import { createRoute, z } from '@hono/zod-openapi';
import { listMemberships, requestMembership } from '../accounts/memberships.ts';
import { changePassword, updateAccountDetails } from '../accounts/my-account.ts';
import { beginTwoFactorSetup, confirmTwoFactorSetup, disableTwoFactor } from '../accounts/two-factor.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const field = (max: number) => z.string().max(max);
const Details = z.object({
  title: field(20),
  firstName: field(100),
  surname: field(100),
  workAddress: field(500),
  workPostcode: field(10),
  jobTitle: field(200),
  telephone: field(30),
});

export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['My Account'],
      summary: 'The signed-in user’s details (username and email read-only)',
      responses: {
        200: json(
          Details.extend({ username: z.string(), email: z.string(), twoFactorEnabled: z.boolean() }),
          'Details',
        ),
        ...errorResponses,
      },
    }),
    (c) => {
      const { user, twoFactorEnabled } = requireAuth(c);
      return c.json(
        {
          username: user.username,
          email: user.email,
          twoFactorEnabled,
          title: user.title ?? '',
          firstName: user.firstName,
          surname: user.surname,
          workAddress: user.workAddress ?? '',
          workPostcode: user.workPostcode ?? '',
          jobTitle: user.jobTitle ?? '',
          telephone: user.telephone ?? '',
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['My Account'],
      summary: 'Change my details',
      request: jsonBody(Details),
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      await updateAccountDetails(c.get('deps'), requireAuth(c), c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['My Account'],
      summary: 'Change my password (needs the current one); ends my other sessions',
      request: jsonBody(
        z.object({ currentPassword: field(200), password: field(100), passwordConfirmation: field(100) }),
      ),
      responses: { 204: { description: 'Changed' }, ...errorResponses },
    }),
    async (c) => {
      await changePassword(c.get('deps'), requireAuth(c), c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/two-factor/setup',
      tags: ['My Account'],
      summary: 'Start setting up two-factor authentication: a key as QR code and text',
      responses: {
        200: json(z.object({ uri: z.string(), secret: z.string(), qrCodeDataUrl: z.string() }), 'Key to scan'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await beginTwoFactorSetup(c.get('deps'), requireAuth(c, { duringTwoFactorSetup: true })), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/two-factor/confirm',
      tags: ['My Account'],
      summary: 'Confirm the set-up with a first code; returns ten single-use recovery codes, shown once',
      request: jsonBody(z.object({ code: z.string().max(20) })),
      responses: { 200: json(z.object({ recoveryCodes: z.array(z.string()) }), 'Two-factor on'), ...errorResponses },
    }),
    async (c) => {
      const codes = await confirmTwoFactorSetup(
        c.get('deps'),
        requireAuth(c, { duringTwoFactorSetup: true }),
        c.req.valid('json').code,
        clientIp(c),
      );
      return c.json({ recoveryCodes: codes }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/two-factor',
      tags: ['My Account'],
      summary: 'Turn two-factor authentication off (unless the organisation requires it)',
      responses: { 204: { description: 'Off' }, ...errorResponses },
    }),
    async (c) => {
      await disableTwoFactor(c.get('deps'), requireAuth(c), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags: ['My Account'],
      summary: 'The organisations I belong to or have asked to join',
      responses: {
        200: json(
          z.object({
            organisations: z.array(
              z.object({ id: z.string(), name: z.string(), status: z.string(), current: z.boolean() }),
            ),
          }),
          'Memberships',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ organisations: await listMemberships(c.get('deps'), requireAuth(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      tags: ['My Account'],
      summary: 'Ask to join another organisation with its verification code',
      request: jsonBody(z.object({ verificationCode: field(100), managerId: field(36), locationId: field(36) })),
      responses: { 202: json(z.object({ organisation: z.string() }), 'Requested'), ...errorResponses },
    }),
    async (c) => c.json(await requestMembership(c.get('deps'), requireAuth(c), c.req.valid('json'), clientIp(c)), 202),
  );
