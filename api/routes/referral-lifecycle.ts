import { createRoute, z } from '@hono/zod-openapi';
import { discardReferral, reRefer } from '../referrals/referral-lifecycle.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a referral reference') });

export const referralLifecycleRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/re-refer',
      tags: ['Referrals'],
      summary:
        'Re-Refer: a rejected referral becomes an editable draft again; a closed case starts a new referral with the employee details',
      request: { params: IdParam },
      responses: { 200: json(z.object({ id: z.string() }), 'The draft to edit'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await reRefer(c.get('deps'), requirePermission(c, 'referral.create'), c.req.valid('param').id, clientIp(c)),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Referrals'],
      summary: 'Delete a draft or a rejected referral now (its author only)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await discardReferral(
        c.get('deps'),
        requirePermission(c, 'referral.create'),
        c.req.valid('param').id,
        clientIp(c),
      );
      return c.body(null, 204);
    },
  );
