import { createRoute, z } from '@hono/zod-openapi';
import { ACCOUNT_STATES, USER_SORTS } from '../../domain/user-admin.ts';
import { PERMISSIONS } from '../../domain/permissions.ts';
import { approveMembershipRequest, listMembershipRequests } from '../accounts/memberships.ts';
import { listLockedUsers, unlockUser } from '../accounts/unlock-user.ts';
import { disableUser, enableUser, exportUsers, getUser, listUsers, setUserAccess } from '../admin/users.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody, PageQuery } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a user reference') });

const Person = {
  id: z.string(),
  firstName: z.string(),
  surname: z.string(),
  username: z.string(),
  jobTitle: z.string().nullable(),
};

/** All Users' filter, search and order (shared with the provider admin's list of an organisation's users). */
export const UserListQuery = PageQuery.extend({
  state: z.enum(['all', ...ACCOUNT_STATES]).default('all'),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(USER_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
const UserRow = z
  .object({
    ...Person,
    state: z.enum(ACCOUNT_STATES),
    lastLoginAt: z.string().nullable(),
  })
  .openapi('UserRow');
export const UserPage = z.object({ users: z.array(UserRow), nextCursor: z.string().nullable() }).openapi('UserPage');

/** A page of users as the API gives it: dates as ISO text. */
export const usersResponse = (page: Awaited<ReturnType<typeof listUsers>>) => ({
  users: page.rows.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null })),
  nextCursor: page.nextCursor,
});

/** The list's options for the query module: "all" states is no filter. */
export const listOptions = ({ state, ...rest }: z.infer<typeof UserListQuery>) => ({
  ...rest,
  state: state === 'all' ? undefined : state,
});

const UserDetail = z
  .object({
    ...Person,
    title: z.string().nullable(),
    email: z.string(),
    state: z.enum(ACCOUNT_STATES),
    lockedAt: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    permissions: z.array(z.enum(PERMISSIONS)),
    managerId: z.string().nullable(),
    managerName: z.string().nullable(),
    grantable: z.array(z.enum(PERMISSIONS)),
    managerChoices: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .openapi('UserDetail');

const Access = z.object({
  permissions: z.array(z.enum(PERMISSIONS, { error: 'Choose permissions from the list' })).max(PERMISSIONS.length),
  managerId: z.string().uuid('Choose a manager from the list').nullable(),
});
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const router = createRouter();
// Refused before the request is validated: someone without the permission learns nothing from a 400.
router.use('*', async (c, next) => {
  requirePermission(c, 'users.admin');
  await next();
});

export const userRoutes = router
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['User Admin'],
      summary: '01 All Users: the organisation’s users, filtered by account state, searched, sorted, a page at a time',
      request: { query: UserListQuery },
      responses: { 200: json(UserPage, 'Users'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      const page = await listUsers(c.get('deps'), auth, listOptions(c.req.valid('query')));
      return c.json(usersResponse(page), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags: ['User Admin'],
      summary: 'Export Users: every user of the organisation with state and last sign-in, as Excel (.xlsx)',
      responses: {
        200: {
          description: 'The workbook',
          content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      const body = await exportUsers(c.get('deps'), auth, clientIp(c));
      return c.body(body, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="users-${auth.organisation.code}.xlsx"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['User Admin'],
      summary: 'One user of the organisation: state, permissions, manager, and the choices for each',
      request: { params: IdParam },
      responses: { 200: json(UserDetail, 'The user'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      const user = await getUser(c.get('deps'), auth, c.req.valid('param').id);
      return c.json({ ...user, lockedAt: iso(user.lockedAt), lastLoginAt: iso(user.lastLoginAt) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/access',
      tags: ['User Admin'],
      summary: 'Set a user’s permissions and manager (effective on their next request)',
      request: { params: IdParam, ...jsonBody(Access) },
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      await setUserAccess(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/disable',
      tags: ['User Admin'],
      summary: 'Disable an account: it cannot sign in, and its sessions end',
      request: { params: IdParam },
      responses: { 204: { description: 'Disabled' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      await disableUser(c.get('deps'), auth, c.req.valid('param').id, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/enable',
      tags: ['User Admin'],
      summary: 'Enable a disabled account again',
      request: { params: IdParam },
      responses: { 204: { description: 'Enabled' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      await enableUser(c.get('deps'), auth, c.req.valid('param').id, clientIp(c));
      return c.body(null, 204);
    },
  );
