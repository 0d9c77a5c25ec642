import { createRoute, z } from '@hono/zod-openapi';
import { deleteDocument, downloadDocument, listDocuments, uploadDocument } from '../referrals/documents.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';
import { FileField, readUpload, uploadBodyLimit } from './uploads.ts';

const Params = z.object({ id: z.string().uuid('That is not a referral reference') });
const DocParams = Params.extend({ documentId: z.string().uuid('That is not a document reference') });
const DocumentSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    slot: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Document');

// One chain, so the exported type carries the routes for the portal's typed calls.
export const referralDocumentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents',
      tags: ['Documents'],
      summary: "A referral's supporting documents (metadata)",
      request: { params: Params },
      responses: { 200: json(z.object({ documents: z.array(DocumentSchema) }), 'Documents'), ...errorResponses },
    }),
    async (c) =>
      c.json({ documents: await listDocuments(c.get('deps'), requireAuth(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/documents',
      tags: ['Documents'],
      summary: 'Attach a document to a draft: up to 5, 10 MB each, Word, Excel, text or PDF (judged by content)',
      middleware: [uploadBodyLimit()],
      request: {
        params: Params,
        body: {
          required: true,
          content: {
            'multipart/form-data': { schema: z.object({ file: FileField, slot: z.string().max(50).optional() }) },
          },
        },
      },
      responses: { 201: json(DocumentSchema, 'Attached'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      const { form, file } = await readUpload(c);
      const slot = form.get('slot');
      const created = await uploadDocument(
        c.get('deps'),
        auth,
        c.req.valid('param').id,
        file,
        typeof slot === 'string' && slot ? slot : undefined,
        clientIp(c),
      );
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents/{documentId}',
      tags: ['Documents'],
      summary: 'Download a document (only through the portal; audited)',
      request: { params: DocParams },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      const doc = await downloadDocument(c.get('deps'), requireAuth(c), id, documentId, clientIp(c));
      c.header('Content-Type', doc.contentType);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
      return c.body(new Uint8Array(doc.bytes), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/documents/{documentId}',
      tags: ['Documents'],
      summary: 'Remove a document from a draft',
      request: { params: DocParams },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const { id, documentId } = c.req.valid('param');
      await deleteDocument(c.get('deps'), requirePermission(c, 'referral.create'), id, documentId, clientIp(c));
      return c.body(null, 204);
    },
  );
