import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.ts';
import { listApprovalQueue } from '../../db/queries/approval-queue.ts';
import { approveReferral, isAuthorsManager } from '../referrals/approve-referral.ts';
import { loadVisibleReferral } from '../referrals/load-referral.ts';
import { rejectReferral } from '../referrals/triage-referral.ts';
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

const IdParam = z.object({ id: z.string().uuid('That is not a referral reference') });

export const approvalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Approval Queue'],
      summary: 'Referrals of my direct reports waiting for my approval, oldest first, one page at a time',
      request: { query: PageQuery },
      responses: {
        200: json(
          pageSchema(
            z.object({
              id: z.string(),
              employee: z.string(),
              caseType: z.string(),
              referrer: z.string(),
              submittedAt: z.string().nullable(),
            }),
          ),
          'One page of the queue',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.approve');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await listApprovalQueue(c.get('deps').db, auth.viewer, { limit, cursor }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/approve',
      tags: ['Approval Queue'],
      summary: 'Approve: the referral goes on to the provider for triage',
      request: { params: IdParam },
      responses: { 200: json(ReferralStateSchema, 'Approved'), ...errorResponses },
    }),
    async (c) => {
      const state = await approveReferral(
        c.get('deps'),
        requirePermission(c, 'referral.approve'),
        c.req.valid('param').id,
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reject',
      tags: ['Approval Queue'],
      summary: 'Reject with a category (named in the email) and a reason the author will see',
      request: { params: IdParam, ...jsonBody(RejectionSchema) },
      responses: { 200: json(ReferralStateSchema, 'Rejected'), ...errorResponses },
    }),
    async (c) => {
      const deps = c.get('deps');
      const auth = requirePermission(c, 'referral.approve');
      const id = c.req.valid('param').id;
      if (!(await isAuthorsManager(deps, auth, await loadVisibleReferral(deps.db, auth.viewer, id)))) {
        throw new AppError('FORBIDDEN', 'Only the manager of the person who made this referral can reject it.');
      }
      const state = await rejectReferral(deps, auth, id, c.req.valid('json'), clientIp(c), 'approval');
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  );
