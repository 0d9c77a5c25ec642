import { createRoute, z } from '@hono/zod-openapi';
import { MI_TABS } from '../../domain/mi.ts';
import { checkFilters, downloadPack, exportTab, listOwnPacks, liveMi, runPackAgain } from '../mi/live-mi.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { requirePermission } from '../middleware/session.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD');
const Id = (what: string) => z.string().uuid(`That is not a ${what} reference`);
const FiltersQuery = z.object({
  from: Day.optional().openapi({ description: 'First day sent (inclusive, UTC)' }),
  to: Day.optional().openapi({ description: 'Last day sent (inclusive, UTC)' }),
  locationId: Id('location').optional(),
  divisionId: Id('division').optional(),
  departmentId: Id('department').optional(),
});

const Count = z.object({ key: z.string(), label: z.string(), count: z.number() }).openapi('MiCount');
const Rate = z
  .object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() })
  .openapi('MiRate');
const Volumes = z
  .object({
    total: z.number(),
    byMonth: z.array(Count),
    byStatus: z.array(Count),
    byCaseType: z.array(Count),
    byLocation: z.array(Count),
    byDepartment: z.array(Count),
  })
  .openapi('MiVolumes');
const Outcomes = z
  .object({ closedCases: z.number(), byOutcome: z.array(Count), consentDeclined: Rate, dna: Rate, cancelled: Rate })
  .openapi('MiOutcomes');
const StageKey = z.enum(['triage', 'firstAppointment', 'adviceLetter']);
const Turnaround = z
  .object({
    serviceLevels: z.object({ triageDays: z.number(), firstAppointmentDays: z.number(), adviceLetterDays: z.number() }),
    stages: z.array(
      z.object({
        stage: StageKey,
        label: z.string(),
        cases: z.number(),
        medianDays: z.number().nullable(),
        p90Days: z.number().nullable(),
        serviceLevelDays: z.number(),
        withinServiceLevel: z.number(),
      }),
    ),
    atRisk: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        stage: StageKey,
        stageLabel: z.string(),
        dueAt: z.string(),
        daysLeft: z.number(),
      }),
    ),
  })
  .openapi('MiTurnaround');
const Named = z.array(z.object({ id: z.string(), name: z.string() }));
const Pack = z
  .object({ id: z.string(), month: z.string(), builtAt: z.string(), xlsxSize: z.number(), pdfSize: z.number() })
  .openapi('MiPack');
const File = (type: string) => ({
  description: 'The file',
  content: { [type]: { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TabParam = z.object({ tab: z.enum(MI_TABS.map((t) => t.key) as ['volumes', 'outcomes', 'turnaround']) });

const filtersOf = (query: z.infer<typeof FiltersQuery>) => {
  checkFilters(query);
  return query;
};

const report = <T extends z.ZodType>(path: string, summary: string, schema: T) =>
  createRoute({
    method: 'get',
    path,
    tags: ['Management information'],
    summary,
    request: { query: FiltersQuery },
    responses: { 200: json(schema, summary), ...errorResponses },
  });

// Every route here but the provider admin's run again needs the MI viewer permission: 403 without it,
// before the request's input is looked at.
const router = createRouter();
router.use('*', async (c, next) => {
  if (!(c.req.method === 'POST' && c.req.path.endsWith('/packs/run'))) requirePermission(c, 'mi.view');
  await next();
});

export const miRoutes = router
  .openapi(
    createRoute({
      method: 'get',
      path: '/filters',
      tags: ['Management information'],
      summary: "The organisation's locations, divisions and departments to filter by",
      responses: {
        200: json(z.object({ locations: Named, divisions: Named, departments: Named }), 'Filter choices'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await liveMi.filters(c.get('deps'), requirePermission(c, 'mi.view')), 200),
  )
  .openapi(
    report('/volumes', 'Referral volumes by month, status, case type, location and department', Volumes),
    async (c) =>
      c.json(
        await liveMi.volumes(c.get('deps'), requirePermission(c, 'mi.view'), filtersOf(c.req.valid('query'))),
        200,
      ),
  )
  .openapi(report('/outcomes', 'Outcomes, consent declined, DNA and cancellation rates', Outcomes), async (c) =>
    c.json(await liveMi.outcomes(c.get('deps'), requirePermission(c, 'mi.view'), filtersOf(c.req.valid('query'))), 200),
  )
  .openapi(
    report(
      '/turnaround',
      'Days from referral to triage, first appointment and advice letter; cases at risk',
      Turnaround,
    ),
    async (c) =>
      c.json(
        await liveMi.turnaround(c.get('deps'), requirePermission(c, 'mi.view'), filtersOf(c.req.valid('query'))),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{tab}/export',
      tags: ['Management information'],
      summary: 'One Live MI tab as an Excel workbook (audited)',
      request: { params: TabParam, query: FiltersQuery },
      responses: { 200: File(XLSX), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'mi.view');
      const file = await exportTab(
        c.get('deps'),
        auth,
        c.req.valid('param').tab,
        filtersOf(c.req.valid('query')),
        clientIp(c),
      );
      c.header('Content-Type', XLSX);
      c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      return c.body(new Uint8Array(file.bytes), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/packs',
      tags: ['Management information'],
      summary: "The organisation's monthly report packs, newest first",
      responses: { 200: json(z.object({ packs: z.array(Pack) }), 'Packs'), ...errorResponses },
    }),
    async (c) => c.json({ packs: await listOwnPacks(c.get('deps'), requirePermission(c, 'mi.view')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/packs/{id}/{format}',
      tags: ['Management information'],
      summary: 'Download a monthly pack as Excel or PDF (audited)',
      request: { params: z.object({ id: Id('report pack'), format: z.enum(['xlsx', 'pdf']) }) },
      responses: { 200: File('application/octet-stream'), ...errorResponses },
    }),
    async (c) => {
      const auth = requirePermission(c, 'mi.view');
      const { id, format } = c.req.valid('param');
      const file = await downloadPack(c.get('deps'), auth, id, format, clientIp(c));
      c.header('Content-Type', file.contentType);
      c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      return c.body(new Uint8Array(file.bytes), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/packs/run',
      tags: ['Management information'],
      summary: "Provider admin: build an organisation's pack for a month again (it replaces the stored one)",
      request: jsonBody(
        z.object({
          organisationId: Id('organisation'),
          month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the month as YYYY-MM'),
        }),
      ),
      responses: { 202: json(z.object({ workflowId: z.string() }), 'Started'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await runPackAgain(c.get('deps'), requirePermission(c, 'mi.runPacks'), c.req.valid('json'), clientIp(c)),
        202,
      ),
  );
