import { createRoute, z } from '@hono/zod-openapi';
import { approveMembershipRequest, listMembershipRequests } from '../accounts/memberships.ts';
import { listLockedUsers, unlockUser } from '../accounts/unlock-user.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a user reference') });

/** One page of a list: `limit` rows after `cursor` (the previous page's `nextCursor`). */
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
const Person = {
  id: z.string(),
  firstName: z.string(),
  surname: z.string(),
  username: z.string(),
  jobTitle: z.string().nullable(),
};

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/locked',
      tags: ['User Admin'],
      summary: 'Locked accounts the admin may unlock, by surname, a page at a time',
      request: { query: PageQuery },
      responses: {
        200: json(
          z.object({
            users: z.array(z.object({ ...Person, lockedAt: z.string() })),
            nextCursor: z.string().nullable(),
          }),
          'Locked users',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const page = await listLockedUsers(c.get('deps'), requirePermission(c, 'users.admin'), c.req.valid('query'));
      return c.json(
        { users: page.rows.map((u) => ({ ...u, lockedAt: u.lockedAt.toISOString() })), nextCursor: page.nextCursor },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/unlock',
      tags: ['User Admin'],
      summary: 'Unlock an account',
      request: { params: IdParam },
      responses: { 204: { description: 'Unlocked' }, ...errorResponses },
    }),
    async (c) => {
      await unlockUser(c.get('deps'), requirePermission(c, 'users.admin'), c.req.valid('param').id, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/membership-requests',
      tags: ['User Admin'],
      summary: 'Requests to join this organisation, oldest first, a page at a time',
      request: { query: PageQuery },
      responses: {
        200: json(
          z.object({
            requests: z.array(z.object({ ...Person, requestedAt: z.string() })),
            nextCursor: z.string().nullable(),
          }),
          'Requests',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const page = await listMembershipRequests(
        c.get('deps'),
        requirePermission(c, 'users.admin'),
        c.req.valid('query'),
      );
      return c.json(
        {
          requests: page.rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/membership-requests/{id}/approve',
      tags: ['User Admin'],
      summary: 'Approve a request to join this organisation',
      request: { params: z.object({ id: z.string().uuid('That is not a request reference') }) },
      responses: { 204: { description: 'Approved' }, ...errorResponses },
    }),
    async (c) => {
      await approveMembershipRequest(
        c.get('deps'),
        requirePermission(c, 'users.admin'),
        c.req.valid('param').id,
        clientIp(c),
      );
      return c.body(null, 204);
    },
  );
