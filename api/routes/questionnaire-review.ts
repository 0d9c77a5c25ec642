import { createRoute, z } from '@hono/zod-openapi';
import { listQuestionnaires } from '../../db/queries/questionnaire-list.ts';
import { APPOINTMENT_TYPE_KEYS } from '../../domain/appointments.ts';
import { QUESTIONNAIRE_OUTCOME_KEYS } from '../../domain/questionnaire-statuses.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody, PageQuery, pageSchema } from '../openapi.ts';
import {
  acceptQuestionnaire,
  bookQuestionnaireAppointment,
  changeQuestionnaireAppointment,
  readAnswers,
  rebookQuestionnaireAppointment,
  referQuestionnaire,
  requireAppointment,
  returnQuestionnaire,
} from '../questionnaires/review.ts';
import { QuestionnaireRowSchema } from './questionnaires.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a questionnaire reference') });
const ActionParam = IdParam.extend({ actionId: z.string().uuid('That is not an appointment reference') });
const StateSchema = z.object({ status: z.string() });
const BookingSchema = z.object({
  scheduledAt: z.iso.datetime({ offset: true, error: 'Enter the date and time of the appointment' }),
  appointmentType: z.enum(APPOINTMENT_TYPE_KEYS, { error: 'Select the type of appointment' }).optional(),
  address: z.string().max(500).optional(),
  videoLink: z.string().max(500).optional(),
});

/** The clinician console's questionnaire work: clinicians only, 403 for anyone else. */
export const questionnaireReviewRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Questionnaire review'],
      summary: 'Questionnaires awaiting clinical review (and those needing an appointment), newest activity first',
      request: { query: PageQuery },
      responses: { 200: json(pageSchema(QuestionnaireRowSchema), 'One page'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const q = c.req.valid('query');
      return c.json(
        await listQuestionnaires(c.get('deps').db, auth.viewer, {
          tab: 'review',
          limit: q.limit,
          ...(q.cursor ? { cursor: q.cursor } : {}),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/answers',
      tags: ['Questionnaire review'],
      summary: 'The employee’s answers (clinicians only; every read is audited)',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            definition: z.any(),
            answers: z.record(z.string(), z.string()),
            returns: z.array(z.object({ question: z.string(), askedAt: z.string(), answer: z.string().nullable() })),
          }),
          'Answers',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      return c.json(await readAnswers(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/accept',
      tags: ['Questionnaire review'],
      summary: 'Accept with an outcome: fit, fit with adjustments or unfit',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ outcome: z.enum(QUESTIONNAIRE_OUTCOME_KEYS, { error: 'Select the outcome' }) })),
      },
      responses: {
        200: json(z.object({ status: z.string(), outcome: z.string(), outcomeLabel: z.string() }), 'Accepted'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { outcome } = c.req.valid('json');
      return c.json(await acceptQuestionnaire(c.get('deps'), auth, c.req.valid('param').id, outcome, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/return',
      tags: ['Questionnaire review'],
      summary: 'Return to the employee with a question; they answer through a new link',
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            question: z
              .string({ error: 'Enter the question for the employee' })
              .trim()
              .min(1, 'Enter the question for the employee')
              .max(2000)
              .regex(/[\p{L}\p{N}]/u, 'The question must contain at least 1 letter or number'),
          }),
        ),
      },
      responses: { 200: json(StateSchema, 'Returned'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { question } = c.req.valid('json');
      return c.json(
        await returnQuestionnaire(c.get('deps'), auth, c.req.valid('param').id, question, clientIp(c)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/appointment-required',
      tags: ['Questionnaire review'],
      summary: 'The clinician needs to see the employee before giving an outcome',
      request: { params: IdParam },
      responses: { 200: json(StateSchema, 'Appointment required'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      return c.json(await requireAppointment(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/actions',
      tags: ['Questionnaire review'],
      summary: 'Book an appointment',
      request: { params: IdParam, ...jsonBody(BookingSchema) },
      responses: { 201: json(z.object({ id: z.string() }), 'Booked'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      return c.json(
        await bookQuestionnaireAppointment(
          c.get('deps'),
          auth,
          c.req.valid('param').id,
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
      path: '/{id}/actions/{actionId}/status',
      tags: ['Questionnaire review'],
      summary: 'An open appointment was attended (closed), cancelled (canx) or missed (dna)',
      request: {
        params: ActionParam,
        ...jsonBody(z.object({ status: z.enum(['closed', 'canx', 'dna'], { error: 'Select what happened' }) })),
      },
      responses: { 200: json(StateSchema, 'Changed'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { id, actionId } = c.req.valid('param');
      return c.json(
        await changeQuestionnaireAppointment(
          c.get('deps'),
          auth,
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
      tags: ['Questionnaire review'],
      summary: 'Rebook a cancelled or missed appointment',
      request: { params: ActionParam, ...jsonBody(BookingSchema) },
      responses: { 201: json(z.object({ id: z.string() }), 'Rebooked'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { id, actionId } = c.req.valid('param');
      return c.json(
        await rebookQuestionnaireAppointment(c.get('deps'), auth, id, actionId, c.req.valid('json'), clientIp(c)),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/refer',
      tags: ['Questionnaire review'],
      summary: 'Refer for a full assessment: a Management Referral draft for the requester, linked to it',
      request: { params: IdParam },
      responses: { 200: json(z.object({ status: z.string(), referralId: z.string() }), 'Referred'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      return c.json(await referQuestionnaire(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  );
