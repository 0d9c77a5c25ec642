import { createRoute, z } from '@hono/zod-openapi';
import {
  CASE_NUMBER_PREFIX,
  EMAIL_DOMAIN,
  normaliseEmailDomain,
  ORGANISATION_CODE,
  SERVICE_LEVEL_MAX_DAYS,
} from '../../domain/organisations.ts';
import { isStorableText } from '../../domain/text.ts';
import {
  changeUserEmail,
  createOrganisation,
  getOrganisation,
  listFormTypes,
  listOrganisations,
  listPacksOf,
  listUsersOf,
  rotateVerificationCode,
  updateOrganisation,
} from '../admin/organisations.ts';
import { HAS_ALPHANUMERIC } from '../accounts/register.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody, PageQuery } from '../openapi.ts';
import { listOptions, UserListQuery, UserPage, usersResponse } from './users.ts';

/** Provider administration (the provider admin permission): organisations, and a user's registered email. */
const OrgParam = z.object({ id: z.string().uuid('That is not an organisation reference') });
const UserParam = z.object({ id: z.string().uuid('That is not a user reference') });

const nameText = (what: string, max: number) =>
  z
    .string()
    .trim()
    // An empty box is told only to fill it in, not also that it lacks a letter.
    .min(1, { error: `Enter the ${what}`, abort: true })
    .max(max, `The ${what} must be at most ${max} characters`)
    .regex(HAS_ALPHANUMERIC, `The ${what} must contain at least 1 letter or number`)
    .refine(isStorableText, `The ${what} holds a character that cannot be saved`);

const names = (what: string) => z.array(nameText(what, 100)).max(500);
const days = (what: string) =>
  z.coerce
    .number({ error: `Enter the days ${what} as a whole number` })
    .int(`Enter the days ${what} as a whole number`)
    .min(1, `The days ${what} must be at least 1`)
    .max(SERVICE_LEVEL_MAX_DAYS, `The days ${what} must be at most ${SERVICE_LEVEL_MAX_DAYS}`);

const Settings = z
  .object({
    name: nameText('organisation name', 200),
    caseNumberPrefix: z
      .string()
      .trim()
      .regex(CASE_NUMBER_PREFIX, 'Enter up to five groups of letters or digits separated by "/", like CSM/OM/MD'),
    requiresApproval: z.boolean(),
    requiresTwoFactor: z.boolean(),
    slaTriageDays: days('to triage'),
    slaFirstAppointmentDays: days('to first appointment'),
    slaAdviceLetterDays: days('to advice letter'),
    emailDomains: z
      .array(
        z
          .string()
          .transform(normaliseEmailDomain)
          .refine((d) => EMAIL_DOMAIN.test(d), 'Enter each email domain as a domain name, like csm.example'),
      )
      .min(1, 'Enter at least one email domain: staff register with addresses at it')
      .max(50),
    locations: names('location'),
    divisions: names('division'),
    departments: names('department'),
    formKeys: z.array(z.string().max(100)).max(50),
    // Optional: a caller that does not send them leaves the organisation's questionnaire types as they are.
    questionnaireTypeKeys: z.array(z.string().max(100)).max(50).optional(),
  })
  .openapi('OrganisationSettings');

const NewOrganisation = Settings.extend({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(
      ORGANISATION_CODE,
      'Enter a code of 2 to 20 capital letters, digits, "-" or "_", starting with a letter or digit',
    ),
}).openapi('NewOrganisation');

const OrganisationDetail = Settings.extend({
  id: z.string(),
  code: z.string(),
  isProvider: z.boolean(),
  verificationCode: z.string(),
  formTypes: z.array(z.object({ key: z.string(), name: z.string() })),
  questionnaireTypes: z.array(z.object({ key: z.string(), name: z.string() })),
}).openapi('OrganisationDetail');

const router = createRouter();
// Refused before the request is validated: someone without the permission learns nothing from a 400.
router.use('*', async (c, next) => {
  requirePermission(c, 'provider.admin');
  await next();
});

export const providerAdminRoutes = router
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      tags: ['Provider Admin'],
      summary: 'Every organisation by name, a page at a time',
      request: { query: PageQuery },
      responses: {
        200: json(
          z.object({
            organisations: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                name: z.string(),
                isProvider: z.boolean(),
                users: z.number(),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
          'Organisations',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      const page = await listOrganisations(c.get('deps'), c.req.valid('query'));
      return c.json({ organisations: page.rows, nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      tags: ['Provider Admin'],
      summary: 'Create a client organisation with its settings and a new verification code',
      request: jsonBody(NewOrganisation),
      responses: { 201: json(z.object({ id: z.string() }), 'Created'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      return c.json(await createOrganisation(c.get('deps'), auth, c.req.valid('json'), clientIp(c)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/form-types',
      tags: ['Provider Admin'],
      summary: 'Every referral form and questionnaire type an organisation may be given, by name',
      responses: {
        200: json(
          z.object({
            formTypes: z.array(z.object({ key: z.string(), name: z.string() })),
            questionnaireTypes: z.array(z.object({ key: z.string(), name: z.string() })),
          }),
          'Forms',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      return c.json(await listFormTypes(c.get('deps')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}/packs',
      tags: ['Provider Admin'],
      summary: 'An organisation’s monthly MI packs, newest first (to run one again)',
      request: { params: OrgParam },
      responses: {
        200: json(
          z.object({
            packs: z.array(
              z.object({
                id: z.string(),
                month: z.string(),
                builtAt: z.string(),
                xlsxSize: z.number(),
                pdfSize: z.number(),
              }),
            ),
          }),
          'Packs',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      return c.json({ packs: await listPacksOf(c.get('deps'), c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}',
      tags: ['Provider Admin'],
      summary: 'One organisation with every setting and its verification code (audited)',
      request: { params: OrgParam },
      responses: { 200: json(OrganisationDetail, 'The organisation'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      return c.json(await getOrganisation(c.get('deps'), auth, c.req.valid('param').id, clientIp(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/organisations/{id}',
      tags: ['Provider Admin'],
      summary: 'Replace an organisation’s settings',
      request: { params: OrgParam, ...jsonBody(Settings) },
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      await updateOrganisation(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organisations/{id}/verification-code',
      tags: ['Provider Admin'],
      summary: 'Rotate the verification code: the old one stops working at once',
      request: { params: OrgParam },
      responses: { 200: json(z.object({ verificationCode: z.string() }), 'The new code'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      const code = await rotateVerificationCode(c.get('deps'), auth, c.req.valid('param').id, clientIp(c));
      return c.json({ verificationCode: code }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}/users',
      tags: ['Provider Admin'],
      summary: 'An organisation’s users, filtered, searched and sorted like All Users',
      request: { params: OrgParam, query: UserListQuery },
      responses: { 200: json(UserPage, 'Users'), ...errorResponses },
    }),
    async (c) => {
      requirePermission(c, 'provider.admin');
      const page = await listUsersOf(c.get('deps'), c.req.valid('param').id, listOptions(c.req.valid('query')));
      return c.json(usersResponse(page), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/users/{id}/email',
      tags: ['Provider Admin'],
      summary: 'Change a user’s registered email (only to a domain of their organisation); they are told at both',
      request: { params: UserParam, ...jsonBody(z.object({ email: z.string().max(254) })) },
      responses: { 204: { description: 'Changed' }, ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'provider.admin');
      await changeUserEmail(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json'), clientIp(c));
      return c.body(null, 204);
    },
  );
