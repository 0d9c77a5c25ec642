import { createRoute, z } from '@hono/zod-openapi';
import { addNote, linkedCases, listNotes, referralFormPdf } from '../referrals/case-records.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';
import { pdfResponse } from './pdf-response.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a case reference') });

const NoteSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    signedBy: z.string().openapi({ description: 'The name of the clinician who wrote it' }),
    createdAt: z.string(),
  })
  .openapi('CaseNote');

const LinkedCaseSchema = z
  .object({
    id: z.string(),
    caseNumber: z.string().nullable(),
    caseType: z.string(),
    submittedAt: z.string().nullable(),
    status: z.string(),
    statusLabel: z.string(),
    link: z.enum(['earlier_referral', 'later_referral', 'same_employee']),
  })
  .openapi('LinkedCase');

/** A case's notes, linked cases and referral form: each only for a user who may see the case (else 404). */
export const caseRecordRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/notes',
      tags: ['Cases'],
      summary: "The provider's notes on a case, oldest first (audited)",
      request: { params: IdParam },
      responses: { 200: json(z.object({ notes: z.array(NoteSchema) }), 'Notes'), ...errorResponses },
    }),
    async (c) =>
      c.json({ notes: await listNotes(c.get('deps'), requireAuth(c), c.req.valid('param').id, clientIp(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/notes',
      tags: ['Cases'],
      summary: 'Add a note for the referrer (clinicians); the owner and sharers are emailed that it was added',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            body: z.string().trim().min(1, 'Enter the note').max(5000, 'The note must be 5000 characters or fewer'),
          }),
        ),
      },
      responses: { 201: json(NoteSchema, 'Added'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const note = await addNote(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json').body, clientIp(c));
      return c.json(note, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/linked',
      tags: ['Cases'],
      summary: 'Earlier and later referrals of the same employee that the user may see (audited)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ cases: z.array(LinkedCaseSchema) }), 'Linked cases'), ...errorResponses },
    }),
    async (c) =>
      c.json({ cases: await linkedCases(c.get('deps'), requireAuth(c), c.req.valid('param').id, clientIp(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/referral-form',
      tags: ['Cases'],
      summary: 'The referral form as PDF, from its stored answers (audited)',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) =>
      pdfResponse(c, await referralFormPdf(c.get('deps'), requireAuth(c), c.req.valid('param').id, clientIp(c))),
  );
