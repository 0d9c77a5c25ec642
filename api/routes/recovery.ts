import { createRoute, z } from '@hono/zod-openapi';
import { requestPasswordReset, requestUsernameReminder, resetPassword } from '../accounts/recovery.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const EmailRequest = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254),
  botCheck: z.string().max(10_000).default(''),
});
const Accepted = json(z.object({ message: z.string() }), 'Accepted');

export const recoveryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/forgot-password',
      tags: ['Recovery'],
      summary: 'Email a password-reset link (valid 24 hours, once); the answer is the same for any address',
      request: jsonBody(EmailRequest),
      responses: { 202: Accepted, ...errorResponses },
    }),
    async (c) => {
      await requestPasswordReset(c.get('deps'), c.req.valid('json'), clientIp(c));
      return c.json(
        {
          message:
            'If that email address is registered, we have sent it a link to reset the password. The link is valid for 24 hours.',
        },
        202,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reset-password',
      tags: ['Recovery'],
      summary: 'Set a new password with the emailed link; unlocks the account and ends its sessions',
      request: jsonBody(
        z.object({
          token: z.string().min(1).max(100),
          email: z.string().trim().min(1, 'Enter your email address').max(254),
          password: z.string().max(100),
          passwordConfirmation: z.string().max(100),
        }),
      ),
      responses: { 204: { description: 'Password changed' }, ...errorResponses },
    }),
    async (c) => {
      await resetPassword(c.get('deps'), c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/forgot-username',
      tags: ['Recovery'],
      summary: 'Email the username to a registered address; the answer is the same for any address',
      request: jsonBody(EmailRequest),
      responses: { 202: Accepted, ...errorResponses },
    }),
    async (c) => {
      await requestUsernameReminder(c.get('deps'), c.req.valid('json'), clientIp(c));
      return c.json({ message: 'If that email address is registered, we have sent it the username.' }, 202);
    },
  );
