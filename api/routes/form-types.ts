import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../../domain/errors.ts';
import type { FormDefinition } from '../../domain/forms.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const FormTypeSchema = z
  .object({ key: z.string(), name: z.string(), definition: z.any().openapi({ description: 'Steps and fields of the form' }) })
  .openapi('FormType');

export const formTypeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Referral forms'],
      summary: 'The referral forms enabled for the current organisation',
      responses: { 200: json(z.object({ formTypes: z.array(FormTypeSchema.pick({ key: true, name: true })) }), 'Forms'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      const rows = await c.get('deps').db('form_types as f')
        .join('organisation_form_types as of', 'of.form_type_id', 'f.id')
        .where('of.organisation_id', auth.organisation.id)
        .orderBy('f.name')
        .select('f.key', 'f.name');
      return c.json({ formTypes: rows as { key: string; name: string }[] }, 200);
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
      const row = await c.get('deps').db('form_types as f')
        .join('organisation_form_types as of', 'of.form_type_id', 'f.id')
        .where({ 'of.organisation_id': auth.organisation.id, 'f.key': c.req.valid('param').key })
        .first('f.key', 'f.name', 'f.definition');
      if (!row) throw notFound('That referral form');
      return c.json(row as { key: string; name: string; definition: FormDefinition }, 200);
    },
  );
