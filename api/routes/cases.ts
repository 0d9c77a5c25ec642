import { createRoute, z } from '@hono/zod-openapi';
import { APPOINTMENT_MESSAGES, APPOINTMENT_TYPE_KEYS } from '../../domain/appointments.ts';
import { bookAction, changeActionStatus, listActions, rebookAction } from '../referrals/case-actions.ts';
import { recordConsentByClinician, requestConsent } from '../referrals/consent.ts';
import { downloadLetter, issueLetter, listLetters, previewLetter, uploadLetter } from '../referrals/advice-letters.ts';
import { closeCase } from '../referrals/referral-lifecycle.ts';
import { pdfResponse } from './pdf-response.ts';
import { FileField, readUpload, uploadBodyLimit } from './uploads.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody, ReferralStateSchema } from '../openapi.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a case reference') });

/** An appointment or evidence request; a questionnaire's appointments take the same shape. */
export const ActionSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    scheduledAt: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    appointmentType: z.enum(APPOINTMENT_TYPE_KEYS).nullable(),
    appointmentTypeLabel: z.string().nullable(),
    place: z
      .string()
      .nullable()
      .openapi({ description: 'The address (face to face) or the link (video call); none by telephone' }),
    rebookedFromId: z.string().nullable(),
  })
  .openapi('CaseAction');
const ActionResult = json(
  z.object({ action: ActionSchema, closureSuggested: z.boolean() }),
  'The action, and whether closing the case is suggested (repeated DNA)',
);
const ActionParams = IdParam.extend({ actionId: z.string().uuid('That is not an action reference') });
const LetterIssued = json(z.object({ id: z.string(), released: z.boolean() }), 'Issued');
const When = z.iso.datetime({ offset: true, message: 'Enter the date and time, like 2027-01-15T10:30:00Z' });
/** How and where an appointment is held; which of these it needs is domain/appointments.ts's rule, checked in the use case. */
const AppointmentFields = {
  appointmentType: z
    .enum(APPOINTMENT_TYPE_KEYS, { error: APPOINTMENT_MESSAGES.type })
    .optional()
    .openapi({ description: 'Appointments only: telephone, video or face_to_face' }),
  address: z
    .string()
    .max(500, 'The address must be 500 characters or fewer')
    .optional()
    .openapi({ description: 'Face to face only' }),
  videoLink: z
    .string()
    .max(2000, 'The link must be 2000 characters or fewer')
    .optional()
    .openapi({ description: 'Video calls only: an http(s) address' }),
};
const LetterBody = z
  .string()
  .trim()
  .min(1, 'Write the letter')
  .max(50_000)
  // Only once there is something: an empty letter is told to write one, not what it lacks.
  .refine((s) => s === '' || /[\p{L}\p{N}]/u.test(s), 'The letter must contain at least 1 letter or number')
  .openapi({
    description: 'The body only: the opening ("Dear ...,") and closing ("Yours sincerely, ...") are added around it',
  });

/** The clinician's work on an open case; anyone who may see the case may read its actions. */
export const caseRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/actions',
      tags: ['Cases'],
      summary: 'Appointments and evidence requests of a case, with their status',
      request: { params: IdParam },
      responses: { 200: json(z.object({ actions: z.array(ActionSchema) }), 'Actions'), ...errorResponses },
    }),
    async (c) => c.json({ actions: await listActions(c.get('deps'), requireAuth(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Cases'],
      summary:
        'Book an appointment (telephone; video, with its link; face to face, with its address) or request further medical evidence',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ kind: z.enum(['appointment', 'evidence']), scheduledAt: When, ...AppointmentFields })),
      },
      responses: { 201: ActionResult, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await bookAction(
          c.get('deps'),
          requirePermission(c, 'triage.work'),
          c.req.valid('param').id,
          c.req.valid('json'),
          clientIp(c),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/actions/{actionId}/status',
      tags: ['Cases'],
      summary: 'Record what happened: Closed (attended/received), Canx (cancelled) or DNA (did not attend)',
      request: { params: ActionParams, ...jsonBody(z.object({ status: z.enum(['closed', 'canx', 'dna']) })) },
      responses: { 200: ActionResult, ...errorResponses },
    }),
    async (c) => {
      const { id, actionId } = c.req.valid('param');
      return c.json(
        await changeActionStatus(
          c.get('deps'),
          requirePermission(c, 'triage.work'),
          id,
          actionId,
          c.req.valid('json').status,
          clientIp(c),
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/actions/{actionId}/rebook',
      tags: ['Cases'],
      summary: 'Rebook a cancelled or missed action; an appointment gives its type and place again (they may change)',
      request: { params: ActionParams, ...jsonBody(z.object({ scheduledAt: When, ...AppointmentFields })) },
      responses: { 201: ActionResult, ...errorResponses },
    }),
    async (c) => {
      const { id, actionId } = c.req.valid('param');
      return c.json(
        await rebookAction(
          c.get('deps'),
          requirePermission(c, 'triage.work'),
          id,
          actionId,
          c.req.valid('json'),
          clientIp(c),
        ),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/consent/request',
      tags: ['Cases'],
      summary: 'Ask the employee for consent by email; the case waits for it',
      request: { params: IdParam },
      responses: { 200: json(ReferralStateSchema, 'Waiting for consent'), ...errorResponses },
    }),
    async (c) => {
      const state = await requestConsent(
        c.get('deps'),
        requirePermission(c, 'triage.work'),
        c.req.valid('param').id,
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}/consent',
      tags: ['Cases'],
      summary: "Record the employee's answer: given (the case goes on) or declined (the case closes)",
      request: { params: IdParam, ...jsonBody(z.object({ decision: z.enum(['given', 'declined']) })) },
      responses: { 200: json(ReferralStateSchema, 'Recorded'), ...errorResponses },
    }),
    async (c) => {
      const state = await recordConsentByClinician(
        c.get('deps'),
        requirePermission(c, 'triage.work'),
        c.req.valid('param').id,
        c.req.valid('json').decision,
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/letters',
      tags: ['Cases'],
      summary: 'Issue an advice letter: rendered to PDF; held for the employee if they asked to see it first',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ body: LetterBody, employeeReview: z.boolean().optional() })),
      },
      responses: { 201: LetterIssued, ...errorResponses },
    }),
    async (c) =>
      c.json(
        await issueLetter(
          c.get('deps'),
          requirePermission(c, 'triage.work'),
          c.req.valid('param').id,
          c.req.valid('json'),
          clientIp(c),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/letters/preview',
      tags: ['Cases'],
      summary: 'The advice letter as it would be issued, as PDF: nothing is stored, issued or sent',
      request: { params: IdParam, ...jsonBody(z.object({ body: LetterBody })) },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const letter = await previewLetter(
        c.get('deps'),
        requirePermission(c, 'triage.work'),
        c.req.valid('param').id,
        c.req.valid('json').body,
      );
      return pdfResponse(c, letter, 'inline');
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/letters/upload',
      tags: ['Cases'],
      summary:
        'Issue an advice letter written elsewhere: a PDF (judged by content) up to 10 MB; held for the employee like a written one',
      middleware: [uploadBodyLimit()],
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: FileField,
                employeeReview: z.enum(['true', 'false'], 'Say true or false').optional(),
              }),
            },
          },
        },
      },
      responses: { 201: LetterIssued, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { file } = await readUpload(c);
      const review = c.req.valid('form').employeeReview;
      const issued = await uploadLetter(
        c.get('deps'),
        auth,
        c.req.valid('param').id,
        file,
        { employeeReview: review === undefined ? undefined : review === 'true' },
        clientIp(c),
      );
      return c.json(issued, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/letters',
      tags: ['Cases'],
      summary: 'Advice letters of a case; unreleased ones show "Awaiting employee response" to the referrer',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            letters: z.array(
              z.object({
                id: z.string(),
                issuedAt: z.string(),
                released: z.boolean(),
                state: z.string(),
                canDownload: z.boolean(),
              }),
            ),
          }),
          'Letters',
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ letters: await listLetters(c.get('deps'), requireAuth(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/letters/{letterId}/document',
      tags: ['Cases'],
      summary: 'The letter as PDF (once released, for the referrer; audited)',
      request: { params: IdParam.extend({ letterId: z.string().uuid('That is not a letter reference') }) },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, letterId } = c.req.valid('param');
      const letter = await downloadLetter(c.get('deps'), requireAuth(c), id, letterId, clientIp(c));
      return pdfResponse(c, letter);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/close',
      tags: ['Cases'],
      summary: 'Close a case with its outcome and an optional recall date',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            outcome: z
              .string()
              .trim()
              .min(1, 'Enter the outcome of the case')
              .max(500)
              .regex(/[\p{L}\p{N}]/u, 'The outcome must contain at least 1 letter or number'),
            recallDate: z.iso.date('Enter the recall date as a real date, like 2027-03-31').optional(),
          }),
        ),
      },
      responses: { 200: json(ReferralStateSchema, 'Closed'), ...errorResponses },
    }),
    async (c) => {
      const state = await closeCase(
        c.get('deps'),
        requirePermission(c, 'triage.work'),
        c.req.valid('param').id,
        c.req.valid('json'),
        clientIp(c),
      );
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  );
