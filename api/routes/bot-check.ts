import { createRoute, z } from '@hono/zod-openapi';
import { createBotChallenge } from '../../services/bot-check.ts';
import { createRouter, json } from '../openapi.ts';

/** A fresh proof-of-work challenge for the ALTCHA widget. */
export const botCheckRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Bot check'],
    summary: 'A signed proof-of-work challenge (ALTCHA); the solved payload goes in the form field botCheck',
    responses: {
      200: json(
        z.object({ parameters: z.record(z.string(), z.unknown()), signature: z.string().optional() }).passthrough(),
        'Challenge',
      ),
    },
  }),
  async (c) => c.json((await createBotChallenge(c.get('deps').settings.secret)) as never, 200),
);
