import { createRoute, z } from '@hono/zod-openapi';
import { visibleReferrals } from '../../db/queries/visibility.ts';
import { ACCEPT_STATUSES, CASE_STATUSES, type CaseStatus } from '../../domain/statuses.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody, ReferralStateSchema, RejectionSchema } from '../openapi.ts';
import { acceptReferral, rejectReferral } from '../referrals/triage-referral.ts';

const IdParam = z.object({ id: z.string().uuid('That is not a referral reference') });

export const triageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Triage'],
      summary: 'Referrals waiting for a clinician to accept or reject them, oldest first',
      responses: {
        200: json(
          z.object({
            rows: z.array(z.object({ id: z.string(), organisation: z.string(), caseType: z.string(), employee: z.string(), received: z.string().nullable(), statusLabel: z.string() })),
          }),
          'The queue',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const { db } = c.get('deps');
      const rows = await visibleReferrals(db, auth.viewer)
        .join('form_types as f', 'f.id', 'r.form_type_id')
        .join('organisations as o', 'o.id', 'r.organisation_id')
        .where('r.status', 'pending_triage')
        .orderBy([{ column: 'r.submitted_at', order: 'asc' }, { column: 'r.id', order: 'asc' }])
        .limit(200)
        .select('r.id', 'o.name as organisation', 'f.name as case_type', 'r.employee_first_name', 'r.employee_surname', 'r.submitted_at', 'r.status');
      return c.json(
        {
          rows: rows.map((r: Record<string, unknown>) => ({
            id: r.id as string,
            organisation: r.organisation as string,
            caseType: r.caseType as string,
            employee: [r.employeeFirstName, r.employeeSurname].filter(Boolean).join(' '),
            received: r.submittedAt ? new Date(r.submittedAt as string).toISOString() : null,
            statusLabel: CASE_STATUSES[r.status as CaseStatus].label,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/accept',
      tags: ['Triage'],
      summary: 'Accept a referral: assigns its case number and opens the case',
      request: { params: IdParam, ...jsonBody(z.object({ status: z.enum(ACCEPT_STATUSES).default('triage_ima_required') })) },
      responses: { 200: json(ReferralStateSchema, 'Accepted'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const state = await acceptReferral(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json').status, clientIp(c));
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reject',
      tags: ['Triage'],
      summary: 'Reject a referral with a category (named in the email) and a reason the referrer will see',
      request: {
        params: IdParam,
        ...jsonBody(RejectionSchema),
      },
      responses: { 200: json(ReferralStateSchema, 'Rejected'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'triage.work');
      const state = await rejectReferral(c.get('deps'), auth, c.req.valid('param').id, c.req.valid('json'), clientIp(c));
      return c.json({ status: state.status, caseNumber: state.caseNumber }, 200);
    },
  );
