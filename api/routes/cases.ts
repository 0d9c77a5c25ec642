import { createRoute, z } from '@hono/zod-openapi';
import { closeCase } from '../referrals/referral-lifecycle.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a case reference') });

/** The clinician's actions on an open case. */
export const caseRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/{id}/close',
    tags: ['Cases'],
    summary: 'Close a case with its outcome and an optional recall date',
    request: {
      params: IdParam,
      ...jsonBody(
        z.object({
          outcome: z.string().trim().min(1, 'Enter the outcome of the case').max(500).regex(/[\p{L}\p{N}]/u, 'The outcome must contain at least 1 letter or number'),
          recallDate: z.iso.date('Enter the recall date as a real date, like 2027-03-31').optional(),
        }),
      ),
    },
    responses: { 200: json(z.object({ status: z.string(), caseNumber: z.string().nullable() }), 'Closed'), ...errorResponses },
  }),
  async (c) => {
    const state = await closeCase(c.get('deps'), requirePermission(c, 'triage.work'), c.req.valid('param').id, c.req.valid('json'), clientIp(c));
    return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
  },
);
