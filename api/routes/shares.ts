import { createRoute, z } from '@hono/zod-openapi';
import {
  listMyShares,
  listOrganisationShares,
  listShareCandidates,
  removeUserShare,
  setMyShareNotify,
  shareMyCases,
  unshareMyCases,
} from '../accounts/shares.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const userId = (what: string) => z.string().uuid(`Choose ${what}`);
const ViewerParam = z.object({ viewerId: z.string().uuid('That is not a user reference') });

const ShareSchema = z
  .object({
    viewerId: z.string(),
    firstName: z.string(),
    surname: z.string(),
    username: z.string(),
    jobTitle: z.string().nullable(),
    notify: z.boolean().openapi({ description: 'Whether the viewer gets copies of the case emails' }),
  })
  .openapi('Share');

/** My Account → Shared Users: whom I share my cases with (one way). */
export const shareRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['My Account'],
      summary: 'The users I share my cases with',
      responses: { 200: json(z.object({ shares: z.array(ShareSchema) }), 'Shares'), ...errorResponses },
    }),
    async (c) => c.json({ shares: await listMyShares(c.get('deps'), requirePermission(c, 'referral.track')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/candidates',
      tags: ['My Account'],
      summary: 'The active users of my organisation I may share my cases with',
      responses: {
        200: json(
          z.object({
            users: z.array(
              z.object({
                id: z.string(),
                firstName: z.string(),
                surname: z.string(),
                username: z.string(),
                jobTitle: z.string().nullable(),
              }),
            ),
          }),
          'Users',
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json({ users: await listShareCandidates(c.get('deps'), requirePermission(c, 'referral.track')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['My Account'],
      summary: 'Share my cases with a user of my organisation (again changes nothing)',
      request: jsonBody(z.object({ viewerId: userId('a user to share your cases with') })),
      responses: { 204: { description: 'Shared' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.track');
      await shareMyCases(c.get('deps'), auth, c.req.valid('json').viewerId, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{viewerId}',
      tags: ['My Account'],
      summary: 'Turn a share’s email notifications on or off',
      request: { params: ViewerParam, ...jsonBody(z.object({ notify: z.boolean() })) },
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.track');
      const { viewerId } = c.req.valid('param');
      await setMyShareNotify(c.get('deps'), auth, viewerId, c.req.valid('json').notify, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{viewerId}',
      tags: ['My Account'],
      summary: 'Stop sharing my cases with a user',
      request: { params: ViewerParam },
      responses: { 204: { description: 'Unshared' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.track');
      await unshareMyCases(c.get('deps'), auth, c.req.valid('param').viewerId, clientIp(c));
      return c.body(null, 204);
    },
  );

/** User Admin → 03 User Shares: every share in the organisation, and Remove Share. */
export const userShareRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['User Admin'],
      summary: 'Every user of my organisation who shares their cases, with whom',
      responses: {
        200: json(
          z.object({
            owners: z.array(
              z.object({
                id: z.string(),
                firstName: z.string(),
                surname: z.string(),
                username: z.string(),
                shares: z.array(ShareSchema),
              }),
            ),
          }),
          'Sharing users',
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json({ owners: await listOrganisationShares(c.get('deps'), requirePermission(c, 'users.admin')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{ownerId}/{viewerId}',
      tags: ['User Admin'],
      summary: 'Remove a share between two users of my organisation',
      request: { params: ViewerParam.extend({ ownerId: z.string().uuid('That is not a user reference') }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'users.admin');
      const { ownerId, viewerId } = c.req.valid('param');
      await removeUserShare(c.get('deps'), auth, ownerId, viewerId, clientIp(c));
      return c.body(null, 204);
    },
  );
