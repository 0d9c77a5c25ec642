import { createRoute, z } from '@hono/zod-openapi';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';
import {
  caseReassignments,
  markLeaver,
  reassignAllCases,
  reassignmentProgress,
  reassignOneCase,
  reassignTargets,
} from '../reassignments/reassign.ts';

const REASON_MISSING = 'Enter the reason for the reassignment';
const ReassignSchema = z
  .object({
    toUserId: z.string({ error: 'Choose the new owner' }).uuid('Choose the new owner'),
    // One message per problem: a blank reason is missing, not also "without letters".
    reason: z
      .string({ error: REASON_MISSING })
      .trim()
      .max(2000, 'The reason must be 2000 characters or fewer')
      .superRefine((value, ctx) => {
        if (!value) ctx.addIssue({ code: 'custom', message: REASON_MISSING });
        else if (!/[\p{L}\p{N}]/u.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'The reason must contain at least 1 letter or number' });
        }
      }),
  })
  .openapi('Reassign');
const IdParam = (what: string) => z.object({ id: z.string().uuid(`That is not a ${what} reference`) });
const Started = json(z.object({ reassignmentId: z.string() }), 'Started: follow it at /api/reassignments/{id}');

/** Reassign one case, from its page; and its reassignment history. Mounted at /api/referrals. */
export const caseReassignRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reassign',
      tags: ['Referrals'],
      summary: 'Reassign a case to another user of its organisation, with a reason (Case reassigner)',
      request: { params: IdParam('referral'), ...jsonBody(ReassignSchema) },
      responses: { 204: { description: 'Reassigned' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'cases.reassign');
      await reassignOneCase(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/reassignments',
      tags: ['Referrals'],
      summary: 'Who reassigned the case, from whom, to whom and why, oldest first',
      request: { params: IdParam('referral') },
      responses: {
        200: json(
          z.object({
            reassignments: z.array(
              z.object({ at: z.string(), by: z.string(), from: z.string(), to: z.string(), reason: z.string() }),
            ),
          }),
          'History',
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json({ reassignments: await caseReassignments(c.get('deps'), requireAuth(c), c.req.valid('param').id) }, 200),
  );

/** Reassign all of a user's cases, and a leaver. Mounted at /api/users. */
export const userReassignRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reassign-all',
      tags: ['User Admin'],
      summary: 'Reassign all of a user’s cases, open and closed, to another (User Admin and Case reassigner)',
      request: { params: IdParam('user'), ...jsonBody(ReassignSchema) },
      responses: { 202: Started, ...errorResponses },
    }),
    async (c) => {
      const id = await reassignAllCases(
        c.get('deps'),
        requireAuth(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        clientIp(c),
      );
      return c.json({ reassignmentId: id }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/leaver',
      tags: ['User Admin'],
      summary:
        'A leaver: disable the account, end its sessions and reassign all its cases (User Admin and Case reassigner)',
      request: { params: IdParam('user'), ...jsonBody(ReassignSchema) },
      responses: { 202: Started, ...errorResponses },
    }),
    async (c) => {
      const id = await markLeaver(
        c.get('deps'),
        requireAuth(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        clientIp(c),
      );
      return c.json({ reassignmentId: id }, 202);
    },
  );

/** Whom cases may go to, and a reassign-all's progress. Mounted at /api/reassignments. */
export const reassignmentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/targets',
      tags: ['Referrals'],
      summary: 'The active users of my organisation a case may be reassigned to (Case reassigner)',
      responses: {
        200: json(
          z.object({ users: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })) }),
          'Users',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ users: await reassignTargets(c.get('deps'), requirePermission(c, 'cases.reassign')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['User Admin'],
      summary: 'How far a reassign-all has got',
      request: { params: IdParam('reassignment') },
      responses: {
        200: json(
          z
            .object({
              id: z.string(),
              fromUserId: z.string(),
              fromName: z.string(),
              toName: z.string(),
              moved: z.number().int(),
              total: z.number().int(),
              done: z.boolean(),
            })
            .openapi('ReassignProgress'),
          'Progress',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await reassignmentProgress(c.get('deps'), requireAuth(c), c.req.valid('param').id), 200),
  );
