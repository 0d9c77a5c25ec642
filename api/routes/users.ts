import { createRoute, z } from '@hono/zod-openapi';
import { approveMembershipRequest, listMembershipRequests } from '../accounts/memberships.ts';
import { listLockedUsers, unlockUser } from '../accounts/unlock-user.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a user reference') });

export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/locked',
      tags: ['User Admin'],
      summary: 'Locked accounts the admin may unlock',
      responses: {
        200: json(z.object({ users: z.array(z.object({ id: z.string(), firstName: z.string(), surname: z.string(), username: z.string(), jobTitle: z.string().nullable(), lockedAt: z.string() })) }), 'Locked users'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const users = await listLockedUsers(c.get('deps'), requirePermission(c, 'users.admin'));
      return c.json({ users: users.map((u) => ({ ...u, lockedAt: new Date(u.lockedAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/{id}/unlock', tags: ['User Admin'], summary: 'Unlock an account', request: { params: IdParam }, responses: { 204: { description: 'Unlocked' }, ...errorResponses } }),
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
      summary: 'Requests to join this organisation',
      responses: {
        200: json(z.object({ requests: z.array(z.object({ id: z.string(), firstName: z.string(), surname: z.string(), username: z.string(), jobTitle: z.string().nullable(), requestedAt: z.string() })) }), 'Requests'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const requests = await listMembershipRequests(c.get('deps'), requirePermission(c, 'users.admin'));
      return c.json({ requests: requests.map((r) => ({ ...r, requestedAt: new Date(r.requestedAt).toISOString() })) }, 200);
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
      await approveMembershipRequest(c.get('deps'), requirePermission(c, 'users.admin'), c.req.valid('param').id, clientIp(c));
      return c.body(null, 204);
    },
  );
