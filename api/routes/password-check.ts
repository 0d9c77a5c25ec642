import { createRoute, z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH, PASSWORD_RULES, type PasswordRuleKey } from '../../domain/password-policy.ts';
import { checkPasswordRules } from '../accounts/password-check.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { createRouter, errorResponses, ErrorSchema, json, jsonBody } from '../openapi.ts';

type CheckedRule = Exclude<PasswordRuleKey, 'matches'>;
const CHECKED = PASSWORD_RULES.map((r) => r.key).filter((key): key is CheckedRule => key !== 'matches');
const RuleResults = z
  .object(Object.fromEntries(CHECKED.map((key) => [key, z.boolean()])) as Record<CheckedRule, z.ZodBoolean>)
  .openapi('PasswordRuleResults');

const TOO_LONG = `A password can have at most ${PASSWORD_MAX_LENGTH} characters: shorten it to check it.`;

/** The password rules judged on the server, for the portal's live ticks (the list of common words stays here). */
export const passwordCheckRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Registration'],
    summary:
      'Check a password being chosen against the rules, without keeping or logging it (no confirmation: compare that yourself)',
    request: jsonBody(
      z.object({
        password: z.string().min(1, 'Enter a password to check').max(PASSWORD_MAX_LENGTH, TOO_LONG),
        username: z.string().max(100, 'A user name can have at most 100 characters').optional(),
      }),
    ),
    responses: {
      200: json(z.object({ rules: RuleResults }), 'Whether each rule holds'),
      400: errorResponses[400],
      429: {
        description: 'Too many checks from this address: wait and try again',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  }),
  async (c) => c.json({ rules: await checkPasswordRules(c.get('deps'), c.req.valid('json'), clientIp(c)) }, 200),
);
