import { createRoute, z } from '@hono/zod-openapi';
import { activateAccount, lookupOrganisation, register } from '../accounts/register.ts';
import { resendActivation } from '../accounts/recovery.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const text = (max: number) => z.string().max(max).default('');
const Accepted = json(z.object({ message: z.string() }), 'Accepted');
const CHECK_EMAIL = 'Check your email: we have sent a link to activate your account. It is valid for 7 days.';

export const registrationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{code}',
      tags: ['Registration'],
      summary: 'Check a verification code: the company name, managers and locations to choose from',
      request: { params: z.object({ code: z.string().min(1).max(100) }) },
      responses: {
        200: json(
          z.object({
            name: z.string(),
            managers: z.array(z.object({ id: z.string(), name: z.string() })),
            locations: z.array(z.object({ id: z.string(), name: z.string() })),
          }),
          'The organisation',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { name, managers, locations } = await lookupOrganisation(
        c.get('deps'),
        c.req.valid('param').code,
        clientIp(c),
      );
      return c.json({ name, managers, locations }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Registration'],
      summary: 'Register: creates an account that can sign in once activated from the emailed link',
      request: jsonBody(
        z.object({
          verificationCode: text(100),
          managerId: text(36),
          locationId: text(36),
          title: text(20),
          firstName: text(100),
          surname: text(100),
          workAddress: text(500),
          workPostcode: text(10),
          jobTitle: text(200),
          telephone: text(30),
          email: text(254),
          emailConfirmation: text(254),
          username: text(50),
          password: text(100),
          passwordConfirmation: text(100),
          botCheck: text(10_000),
        }),
      ),
      responses: { 202: Accepted, ...errorResponses },
    }),
    async (c) => {
      await register(c.get('deps'), c.req.valid('json'), clientIp(c));
      return c.json({ message: CHECK_EMAIL }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activate',
      tags: ['Registration'],
      summary: 'Activate an account with the token from its emailed link (works once)',
      request: jsonBody(z.object({ token: z.string().min(1).max(100) })),
      responses: { 204: { description: 'Activated' }, ...errorResponses },
    }),
    async (c) => {
      await activateAccount(c.get('deps'), c.req.valid('json').token, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/resend-activation',
      tags: ['Registration'],
      summary: 'Send a new activation link (needs the password, and says the same whatever the account)',
      request: jsonBody(z.object({ username: z.string().max(100), password: z.string().max(200) })),
      responses: { 202: Accepted, ...errorResponses },
    }),
    async (c) => {
      await resendActivation(c.get('deps'), c.req.valid('json'), clientIp(c));
      return c.json(
        { message: 'If your account is waiting to be activated, a new link is on its way to your email.' },
        202,
      );
    },
  );
