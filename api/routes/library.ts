import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../domain/errors.ts';
import {
  downloadLibraryDocument,
  listLibraryOf,
  listOrganisations,
  listOwnLibrary,
  publishDocument,
  withdrawDocument,
} from '../library/library.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';
import { FileField, readUpload, uploadBodyLimit } from './uploads.ts';

const LibraryDocument = z
  .object({
    id: z.string(),
    title: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    createdAt: z.string(),
  })
  .openapi('LibraryDocument');
const Id = z.object({ id: z.string().uuid('That is not a document reference') });
const OrgParam = z.object({ organisationId: z.string().uuid('That is not an organisation reference') });
const TITLE_MISSING = 'Enter a title for the document';

export const libraryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Library'],
      summary: "The documents the provider published to the user's organisation, newest first",
      responses: { 200: json(z.object({ documents: z.array(LibraryDocument) }), 'Library'), ...errorResponses },
    }),
    async (c) => c.json({ documents: await listOwnLibrary(c.get('deps'), requireAuth(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags: ['Library'],
      summary: 'Provider admin: the client organisations to publish to (and to build MI packs for)',
      responses: {
        200: json(
          z.object({ organisations: z.array(z.object({ id: z.string(), name: z.string() })) }),
          'Organisations',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      return c.json({ organisations: await listOrganisations(c.get('deps')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{organisationId}/documents',
      tags: ['Library'],
      summary: "Provider admin: an organisation's library",
      request: { params: OrgParam },
      responses: { 200: json(z.object({ documents: z.array(LibraryDocument) }), 'Library'), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      return c.json({ documents: await listLibraryOf(c.get('deps'), c.req.valid('param').organisationId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations/{organisationId}/documents',
      tags: ['Library'],
      summary: 'Provider admin: publish a document to an organisation (Word, Excel, text or PDF by content; 10 MB)',
      middleware: [uploadBodyLimit()],
      request: {
        params: OrgParam,
        body: {
          required: true,
          content: { 'multipart/form-data': { schema: z.object({ file: FileField, title: z.string().max(200) }) } },
        },
      },
      responses: { 201: json(LibraryDocument, 'Published'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      const { form, file } = await readUpload(c);
      const title = form.get('title');
      const text = typeof title === 'string' ? title.trim() : '';
      if (!/[\p{L}\p{N}]/u.test(text) || text.length > 200)
        throw new AppError('BAD_REQUEST', `${TITLE_MISSING}.`, { title: TITLE_MISSING });
      const doc = await publishDocument(
        c.get('deps'),
        auth,
        c.req.valid('param').organisationId,
        { title: text, file },
        clientIp(c),
      );
      return c.json(doc, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/organisations/{organisationId}/documents/{id}',
      tags: ['Library'],
      summary: "Provider admin: withdraw a document from an organisation's library",
      request: { params: OrgParam.extend(Id.shape) },
      responses: { 204: { description: 'Withdrawn' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      const { organisationId, id } = c.req.valid('param');
      await withdrawDocument(c.get('deps'), auth, organisationId, id, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Library'],
      summary: "Download a document of the user's organisation's library (audited)",
      request: { params: Id },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const doc = await downloadLibraryDocument(c.get('deps'), requireAuth(c), c.req.valid('param').id, clientIp(c));
      c.header('Content-Type', doc.contentType);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
      return c.body(new Uint8Array(doc.bytes), 200);
    },
  );
