import { createRoute, z } from '@hono/zod-openapi';
import { defaultLog } from '../../services/logger.ts';
import { probeDatabase, probeTemporal } from '../../services/probes.ts';
import { createRouter, json } from '../openapi.ts';

/** Each dependency gets this long to answer, so a load balancer's probe never hangs. */
const READY_PROBE_MS = 2_000;

const Dependency = z.enum(['ok', 'unavailable']);
const ReadinessSchema = z.object({ database: Dependency, temporal: Dependency }).openapi('Readiness');
type Readiness = z.infer<typeof ReadinessSchema>;

/**
 * Liveness (/api/health: the process answers, nothing else is asked) and readiness (/api/ready:
 * PostgreSQL and Temporal each answer within READY_PROBE_MS), for a load balancer to take an
 * instance out while what it depends on is down.
 */
export function healthRoutes() {
  // Logged when a dependency's state changes, not on every probe of an outage.
  let last: Readiness = { database: 'ok', temporal: 'ok' };
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/health',
        tags: ['Health'],
        summary: 'Liveness of the API',
        responses: { 200: json(z.object({ ok: z.boolean() }), 'Alive') },
      }),
      (c) => c.json({ ok: true }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/ready',
        tags: ['Health'],
        summary: 'Readiness: PostgreSQL and Temporal answer',
        description: `Each is asked once, with ${READY_PROBE_MS / 1000} s to answer. 503 names which is unavailable.`,
        responses: {
          200: json(ReadinessSchema, 'Ready to serve'),
          503: json(ReadinessSchema, 'PostgreSQL or Temporal (or both) did not answer'),
        },
      }),
      async (c) => {
        const { db, temporal, log = defaultLog() } = c.get('deps');
        const check = (name: keyof Readiness, probe: Promise<void>) =>
          probe.then(
            () => 'ok' as const,
            (error: unknown) => {
              if (last[name] === 'ok') log.warn({ dependency: name, err: error }, 'dependency unavailable');
              return 'unavailable' as const;
            },
          );
        const [database, temporalState] = await Promise.all([
          check('database', probeDatabase(db, READY_PROBE_MS)),
          check('temporal', probeTemporal(temporal.connection, READY_PROBE_MS)),
        ]);
        const now: Readiness = { database, temporal: temporalState };
        for (const name of ['database', 'temporal'] as const) {
          if (now[name] === 'ok' && last[name] !== 'ok') log.info({ dependency: name }, 'dependency available again');
        }
        last = now;
        return c.json(now, database === 'ok' && temporalState === 'ok' ? 200 : 503);
      },
    );
}
