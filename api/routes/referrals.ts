import { createRoute, z } from '@hono/zod-openapi';
import {
  CONTAINS_FILTER_NAMES,
  LIST_SORTS,
  LIST_TABS,
  listReferrals,
  listVisibleOwners,
  type ReferralListFilters,
} from '../../db/queries/referral-list.ts';
import { REJECTION_CATEGORY_KEYS } from '../../domain/rejection.ts';
import { CASE_STATUSES, type CaseStatus } from '../../domain/statuses.ts';
import { can } from '../../domain/permissions.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requireAuth, requirePermission } from '../middleware/session.ts';
import {
  createRouter,
  errorResponses,
  json,
  jsonBody,
  PageQuery,
  pageSchema,
  ReferralStateSchema,
} from '../openapi.ts';
import { workbookHeaders } from '../list-export.ts';
import { listViewQuery, ownersResponse, viewOf, workbookResponse } from '../list-query.ts';
import { exportReferrals } from '../referrals/export-referrals.ts';
import { createReferralDraft } from '../referrals/create-referral-draft.ts';
import { getReferralDetail } from '../referrals/get-referral-detail.ts';
import { saveReferralDraft } from '../referrals/save-referral-draft.ts';
import { submitReferral } from '../referrals/submit-referral.ts';

const FormDataSchema = z
  .record(z.string(), z.string().max(10_000))
  .openapi({ description: 'Answers keyed by field name' });
const IdParam = z.object({ id: z.string().uuid('That is not a referral reference') });

const ReferralRowSchema = z
  .object({
    id: z.string(),
    reference: z
      .string()
      .openapi({ description: 'What the referral is known by until it has a case number (FF4C13BD)' }),
    employee: z.string(),
    caseNumber: z.string().nullable(),
    division: z.string().nullable(),
    location: z.string().nullable(),
    department: z.string().nullable(),
    received: z.string().nullable(),
    status: z.string(),
    statusLabel: z.string(),
    caseType: z.string(),
    organisation: z.string(),
    owner: z.string(),
    recallDate: z.string().nullable(),
    updatedAt: z.string(),
    tab: z.string().openapi({ description: 'The tab the row is listed in (a search spans open and closed)' }),
    statusExplanation: z.string(),
    position: z.string().nullable().openapi({ description: "The employee's position (job title)" }),
    postcode: z.string().nullable().openapi({ description: "The employee's home postcode" }),
    canReRefer: z.boolean().openapi({ description: 'Whether this user may re-refer it now' }),
  })
  .openapi('ReferralRow');

const STATUS_KEYS = Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]];
/** The sort and filters of Track Referrals: the list and its export take the same. */
const ListFilterQuery = listViewQuery(LIST_SORTS, CONTAINS_FILTER_NAMES).extend({
  status: z.enum(STATUS_KEYS).optional().openapi({ description: 'Exactly this status (its key)' }),
  caseType: z.string().max(100).optional().openapi({ description: 'Exactly this referral type (its key)' }),
  scope: z
    .enum(['mine', 'all'])
    .optional()
    .openapi({ description: 'Closed tab: my own cases (the default) or all I may see' }),
});

const stateOf = (s: { status: string; caseNumber: string | null }) => ({ status: s.status, caseNumber: s.caseNumber });

export const referralRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/statuses',
      tags: ['Referrals'],
      summary: 'The status catalogue with plain-English explanations',
      responses: {
        200: json(
          z.record(z.string(), z.object({ label: z.string(), explanation: z.string(), tab: z.string() })),
          'Statuses',
        ),
      },
    }),
    (c) => c.json(CASE_STATUSES, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Referrals'],
      summary: 'Referrals and cases the user may see, one tab at a time',
      request: {
        query: PageQuery.merge(ListFilterQuery).extend({
          tab: z.enum(LIST_TABS).default('open'),
          search: z.string().trim().max(100).optional().openapi({
            description:
              'Surname, forename, case number or reference: searches open and closed cases at once, and the tab it is typed in; each row says its tab',
          }),
        }),
      },
      responses: { 200: json(pageSchema(ReferralRowSchema), 'One page'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'cases.list');
      const { limit, cursor, tab, search, ...filters } = c.req.valid('query');
      const page = await listReferrals(
        c.get('deps').db,
        { ...auth.viewer, mayRefer: can(auth.actor, 'referral.create') },
        { ...viewOf<ReferralListFilters>({ ...filters, tab, search }), limit, ...(cursor ? { cursor } : {}) },
      );
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export.xlsx',
      tags: ['Referrals'],
      summary:
        'Export Referrals: worksheet 1 the open cases, worksheet 2 the closed cases the user may see, filtered and sorted like the list (audited)',
      request: {
        query: ListFilterQuery.extend({
          search: z
            .string()
            .trim()
            .max(100)
            .optional()
            .openapi({ description: 'Surname, forename, case number or reference, within each worksheet' }),
        }),
      },
      responses: { 200: workbookResponse, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'cases.list');
      const { search, ...filters } = c.req.valid('query');
      const body = exportReferrals(
        c.get('deps'),
        auth,
        viewOf<Omit<ReferralListFilters, 'tab'>>({ ...filters, search }),
        clientIp(c),
      );
      workbookHeaders(c, 'referrals.xlsx');
      return c.body(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/owners',
      tags: ['Referrals'],
      summary: 'Filter by User: the people whose cases the user may see',
      responses: { 200: ownersResponse, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'cases.list');
      return c.json(await listVisibleOwners(c.get('deps').db, auth.viewer), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Referrals'],
      summary:
        'Start a referral with its first answers: saves the draft and starts its workflow (none without an answer)',
      request: jsonBody(z.object({ formKey: z.string().max(100), formData: FormDataSchema.default({}) })),
      responses: { 201: json(z.object({ id: z.string() }), 'The draft'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      const body = c.req.valid('json');
      const created = await createReferralDraft(c.get('deps'), auth, { ...body, ip: clientIp(c) });
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['Referrals'],
      summary: 'One referral or case; 404 when the user may not see it',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            id: z.string(),
            formKey: z.string(),
            formName: z.string(),
            status: z.string(),
            statusLabel: z.string(),
            statusExplanation: z.string(),
            caseNumber: z.string().nullable(),
            submittedAt: z.string().nullable(),
            lastSavedAt: z.string(),
            owner: z.string(),
            employee: z
              .object({
                name: z.string().nullable(),
                position: z.string().nullable(),
                address: z.string().nullable().openapi({ description: 'Home address and postcode, one per line' }),
                dateOfBirth: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
              })
              .openapi({ description: 'Who the case is about, for the case page header' }),
            isAuthor: z.boolean(),
            rejectionCategory: z
              .enum(REJECTION_CATEGORY_KEYS)
              .nullable()
              .openapi({ description: 'Why it was rejected, from the fixed list (rejected referrals only)' }),
            rejectionCategoryLabel: z.string().nullable().openapi({ description: 'That category in words' }),
            rejectionReason: z
              .string()
              .nullable()
              .openapi({ description: 'Why it was rejected (rejected referrals only)' }),
            outcome: z.string().nullable().openapi({ description: 'The outcome (closed cases only)' }),
            recallDate: z.string().nullable(),
            closedAt: z.string().nullable(),
            allowed: z
              .object({
                edit: z.boolean(),
                delete: z.boolean(),
                reRefer: z.boolean(),
                approve: z.boolean(),
                triage: z.boolean(),
                work: z.boolean(),
                reassign: z.boolean().openapi({ description: 'Reassign Case: the case reassigner, on a case' }),
              })
              .openapi({ description: 'What this user may do with it now: the portal shows only these actions' }),
            mayAddNote: z.boolean().openapi({ description: 'Whether this user may add a note to the case' }),
            formData: FormDataSchema,
            definition: z.any(),
          }),
          'The referral',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requireAuth(c);
      return c.json(await getReferralDetail(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      tags: ['Referrals'],
      summary: 'Save a draft (autosave and Save For Later)',
      request: { params: IdParam, ...jsonBody(z.object({ formData: FormDataSchema })) },
      responses: { 200: json(z.object({ savedAt: z.string() }), 'Saved'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      return c.json(
        await saveReferralDraft(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json').formData),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/submit',
      tags: ['Referrals'],
      summary: 'Submit a complete referral (idempotent)',
      request: { params: IdParam },
      responses: { 200: json(ReferralStateSchema, 'Submitted'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'referral.create');
      return c.json(stateOf(await submitReferral(c.get('deps'), auth, c.req.valid('param').id, clientIp(c))), 200);
    },
  );
