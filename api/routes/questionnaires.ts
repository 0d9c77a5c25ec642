import { createRoute, z } from '@hono/zod-openapi';
import {
  listQuestionnaireOwners,
  listQuestionnaires,
  QUESTIONNAIRE_CONTAINS,
  QUESTIONNAIRE_SORTS,
  type QuestionnaireListFilters,
} from '../../db/queries/questionnaire-list.ts';
import { listOrganisationQuestionnaireTypes } from '../../db/queries/questionnaires.ts';
import {
  QUESTIONNAIRE_OUTCOME_KEYS,
  QUESTIONNAIRE_STATUSES,
  QUESTIONNAIRE_TABS,
  type QuestionnaireStatus,
} from '../../domain/questionnaire-statuses.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import { workbookHeaders } from '../list-export.ts';
import { listViewQuery, ownersResponse, viewOf, workbookResponse } from '../list-query.ts';
import { createRouter, errorResponses, json, jsonBody, PageQuery, pageSchema } from '../openapi.ts';
import { exportQuestionnaires } from '../questionnaires/export-questionnaires.ts';
import {
  getQuestionnaireDetail,
  questionnaireCertificate,
  requestQuestionnaire,
  resendQuestionnaire,
} from '../questionnaires/requests.ts';
import { ActionSchema } from './cases.ts';
import { pdfResponse } from './pdf-response.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a questionnaire reference') });
const Name = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Must be ${max} characters or fewer`)
    .regex(/^$|[\p{L}\p{N}]/u, 'Must contain at least 1 letter or number');
const Email = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(254)
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@example.com');

export const QuestionnaireRowSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    employee: z.string(),
    jobTitle: z.string(),
    type: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    organisation: z.string(),
    owner: z.string(),
    sentAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('QuestionnaireRow');

const TABS = Object.keys(QUESTIONNAIRE_TABS) as ['pending', 'review', 'completed'];
const STATUS_KEYS = Object.keys(QUESTIONNAIRE_STATUSES) as [QuestionnaireStatus, ...QuestionnaireStatus[]];
const search = z
  .string()
  .trim()
  .max(100)
  .optional()
  .openapi({ description: 'Surname, forename or reference, within the tab (each worksheet of the export)' });

/** The sort and filters of Track Questionnaires: the list and its export take the same. */
const ListFilterQuery = listViewQuery(QUESTIONNAIRE_SORTS, QUESTIONNAIRE_CONTAINS).extend({
  status: z.enum(STATUS_KEYS).optional().openapi({ description: 'Exactly this status (its key)' }),
  type: z.string().max(100).optional().openapi({ description: 'Exactly this questionnaire type (its key)' }),
  outcome: z.enum(QUESTIONNAIRE_OUTCOME_KEYS).optional().openapi({ description: 'Exactly this outcome (its key)' }),
  search,
});

const DetailSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    type: z.string(),
    typeKey: z.string(),
    organisation: z.string(),
    employee: z.string(),
    jobTitle: z.string(),
    employeeEmail: z.string(),
    owner: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    statusExplanation: z.string(),
    tab: z.string(),
    outcome: z.string().nullable(),
    outcomeLabel: z.string().nullable(),
    certificate: z.boolean(),
    referralId: z.string().nullable(),
    sentAt: z.string(),
    submittedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    events: z.array(
      z.object({ type: z.string(), status: z.string().nullable(), at: z.string(), actor: z.string().nullable() }),
    ),
    actions: z.array(ActionSchema),
    allowed: z.object({
      resend: z.boolean(),
      readAnswers: z.boolean(),
      accept: z.boolean(),
      returnToEmployee: z.boolean(),
      requireAppointment: z.boolean(),
      changeAction: z.boolean(),
      refer: z.boolean(),
    }),
  })
  .openapi('QuestionnaireDetail');

/** Request Questionnaire, Track Questionnaires and the case view: never the employee's answers. */
export const questionnaireRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/statuses',
      tags: ['Questionnaires'],
      summary: 'The questionnaire status catalogue with plain-English explanations, and the tabs',
      responses: {
        200: json(
          z.object({
            statuses: z.record(z.string(), z.object({ label: z.string(), explanation: z.string(), tab: z.string() })),
            tabs: z.record(z.string(), z.string()),
          }),
          'Statuses',
        ),
      },
    }),
    (c) => {
      requireAuth(c);
      return c.json({ statuses: QUESTIONNAIRE_STATUSES, tabs: QUESTIONNAIRE_TABS }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/types',
      tags: ['Questionnaires'],
      summary: 'The questionnaires the organisation may request',
      responses: { 200: json(z.array(z.object({ key: z.string(), name: z.string() })), 'Types'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      return c.json(await listOrganisationQuestionnaireTypes(c.get('deps').db, auth.organisation.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Questionnaires'],
      summary: 'Request a questionnaire: the employee is emailed a single-use link',
      request: jsonBody(
        z.object({
          typeKey: z.string({ error: 'Select the questionnaire the employee should complete' }).max(100),
          employeeFirstName: Name('Enter the employee’s first name', 100),
          employeeSurname: Name('Enter the employee’s surname', 100),
          employeeJobTitle: Name('Enter the employee’s job title', 200),
          employeeEmail: Email('Enter the employee’s email address'),
        }),
      ),
      responses: { 201: json(z.object({ id: z.string(), reference: z.string() }), 'Requested'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      return c.json(await requestQuestionnaire(c.get('deps'), auth, c.req.valid('json'), clientIp(c)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Questionnaires'],
      summary: 'Track Questionnaires: the questionnaires the user may see, one tab at a time, sorted and filtered',
      request: { query: PageQuery.merge(ListFilterQuery).extend({ tab: z.enum(TABS).default('pending') }) },
      responses: { 200: json(pageSchema(QuestionnaireRowSchema), 'One page'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      const { limit, cursor, ...view } = c.req.valid('query');
      const page = await listQuestionnaires(c.get('deps').db, auth.viewer, {
        ...viewOf<QuestionnaireListFilters>(view),
        limit,
        ...(cursor ? { cursor } : {}),
      });
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export.xlsx',
      tags: ['Questionnaires'],
      summary:
        'Export Questionnaires: one worksheet per tab of the questionnaires the user may see, filtered and sorted like the list (audited)',
      request: { query: ListFilterQuery },
      responses: { 200: workbookResponse, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      const filters = viewOf<Omit<QuestionnaireListFilters, 'tab'>>(c.req.valid('query'));
      const body = exportQuestionnaires(c.get('deps'), auth, filters, clientIp(c));
      workbookHeaders(c, 'questionnaires.xlsx');
      return c.body(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/owners',
      tags: ['Questionnaires'],
      summary: 'Filter by User: the people whose questionnaires the user may see',
      responses: { 200: ownersResponse, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      return c.json(await listQuestionnaireOwners(c.get('deps').db, auth.viewer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Questionnaires'],
      summary: 'The activity and progress to date; never the answers. 404 when the user may not see it',
      request: { params: IdParam },
      responses: { 200: json(DetailSchema, 'The questionnaire'), ...errorResponses },
    }),
    async (c) => {
      const auth = requireAuth(c);
      return c.json(await getQuestionnaireDetail(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/resend',
      tags: ['Questionnaires'],
      summary: 'Resend, optionally to a different email address: the old link stops working at once',
      request: {
        params: IdParam,
        ...jsonBody(z.object({ employeeEmail: Email('Enter the employee’s email address').optional() })),
      },
      responses: { 200: json(z.object({ status: z.string() }), 'Resent'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'questionnaire.request');
      const { employeeEmail } = c.req.valid('json');
      return c.json(
        await resendQuestionnaire(c.get('deps'), auth, c.req.valid('param').id, employeeEmail, clientIp(c)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/certificate',
      tags: ['Questionnaires'],
      summary: 'The fit certificate (PDF) of a questionnaire completed with a fit outcome; audited',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      return pdfResponse(c, await questionnaireCertificate(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)));
    },
  );
