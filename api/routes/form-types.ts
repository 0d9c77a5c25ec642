import { createRoute, z } from '@hono/zod-openapi';
import { findOrganisationFormType, listOrganisationFormTypes } from '../../db/queries/form-types.ts';
import { notFound } from '../../domain/errors.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const FormTypeSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    definition: z.any().openapi({ description: 'Steps and fields of the form' }),
  })
  .openapi('FormType');

export const formTypeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Referral forms'],
      summary: 'The referral forms enabled for the current organisation',
      responses: {
        200: json(z.object({ formTypes: z.array(FormTypeSchema.pick({ key: true, name: true })) }), 'Forms'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      return c.json({ formTypes: await listOrganisationFormTypes(c.get('deps').db, auth.organisation.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{key}',
      tags: ['Referral forms'],
      summary: 'One form definition',
      request: { params: z.object({ key: z.string().max(100) }) },
      responses: { 200: json(FormTypeSchema, 'The form'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      const form = await findOrganisationFormType(c.get('deps').db, auth.organisation.id, c.req.valid('param').key);
      if (!form) throw notFound('That referral form');
      return c.json(form, 200);
    },
  );
