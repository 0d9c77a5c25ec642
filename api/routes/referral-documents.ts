import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';
import { MAX_DOCUMENT_BYTES } from '../../services/document-store.ts';
import { deleteDocument, downloadDocument, listDocuments, uploadDocument } from '../referrals/documents.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json } from '../openapi.ts';

const Params = z.object({ id: z.string().uuid('That is not a referral reference') });
const DocParams = Params.extend({ documentId: z.string().uuid('That is not a document reference') });
const DocumentSchema = z
  .object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number(), slot: z.string().nullable(), createdAt: z.string() })
  .openapi('Document');

export const referralDocumentRoutes = createRouter();

// Refused before it is read: a little over 10 MB allows for the multipart framing.
referralDocumentRoutes.use(
  '/:id/documents',
  bodyLimit({
    maxSize: MAX_DOCUMENT_BYTES + 64 * 1024,
    onError: () => {
      throw new AppError('BAD_REQUEST', 'The selected file must be smaller than 10 MB.', { file: 'The selected file must be smaller than 10 MB' });
    },
  }),
);

referralDocumentRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/documents',
      tags: ['Documents'],
      summary: "A referral's supporting documents (metadata)",
      request: { params: Params },
      responses: { 200: json(z.object({ documents: z.array(DocumentSchema) }), 'Documents'), ...errorResponses },
    }),
    async (c) => c.json({ documents: await listDocuments(c.get('deps'), requireAuth(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/documents',
      tags: ['Documents'],
      summary: 'Attach a document to a draft: up to 5, 10 MB each, Word, Excel, text or PDF (judged by content)',
      request: {
        params: Params,
        body: {
          required: true,
          content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }), slot: z.string().max(50).optional() }) } },
        },
      },
      responses: { 201: json(DocumentSchema, 'Attached'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new AppError('BAD_REQUEST', 'Send the file as multipart form data in a field called "file".');
      }
      const file = form.get('file');
      if (!(file instanceof File)) throw new AppError('BAD_REQUEST', 'Select a file to upload.', { file: 'Select a file to upload' });
      const slot = form.get('slot');
      const created = await uploadDocument(
        c.get('deps'),
        auth,
        c.req.valid('param').id,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
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
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } } }, ...errorResponses },
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
