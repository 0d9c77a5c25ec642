import { createRoute, z } from '@hono/zod-openapi';
import { listTriageQueue } from '../../db/queries/triage-queue.ts';
import { ACCEPT_STATUSES } from '../../domain/statuses.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import {
  createRouter,
  errorResponses,
  json,
  jsonBody,
  PageQuery,
  pageSchema,
  ReferralStateSchema,
  RejectionSchema,
} from '../openapi.ts';
import { acceptReferral, rejectReferral } from '../referrals/triage-referral.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a referral reference') });

export const triageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Triage'],
      summary: 'Referrals waiting for a clinician to accept or reject them, oldest first, one page at a time',
      request: { query: PageQuery },
      responses: {
        200: json(
          pageSchema(
            z.object({
              id: z.string(),
              organisation: z.string(),
              caseType: z.string(),
              employee: z.string(),
              received: z.string().nullable(),
              statusLabel: z.string(),
            }),
          ),
          'One page of the queue',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await listTriageQueue(c.get('deps').db, auth.viewer, { limit, cursor }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/accept',
      tags: ['Triage'],
      summary: 'Accept a referral: assigns its case number and opens the case',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ status: z.enum(ACCEPT_STATUSES).default('triage_ima_required') })),
      },
      responses: { 200: json(ReferralStateSchema, 'Accepted'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const state = await acceptReferral(
        c.get('deps'),
        auth,
        c.req.valid('param').id,
        c.req.valid('json').status,
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reject',
      tags: ['Triage'],
      summary: 'Reject a referral with a category (named in the email) and a reason the referrer will see',
      request: {
        params: IdParam,
        ...jsonBody(RejectionSchema),
      },
      responses: { 200: json(ReferralStateSchema, 'Rejected'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const state = await rejectReferral(
        c.get('deps'),
        auth,
        c.req.valid('param').id,
        c.req.valid('json'),
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  );
