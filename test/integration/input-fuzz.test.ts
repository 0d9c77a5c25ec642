/**
 * A careless or hostile client, as a property: arbitrary strings (NUL, lone
 * surrogates, very long, right-to-left) in every text field of every JSON route
 * and every query parameter the OpenAPI document lists, sent by a signed-in
 * user. No answer may be a 5xx, and a refused request must change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import type { ApiCaller } from '../helpers/http.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const suite = apiSuite();
const { as } = suite;

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  anyOf?: Schema[];
  $ref?: string;
};
type Operation = {
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

/** Text no well-behaved client sends. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  // Any UTF-16 code unit alone, lone surrogates included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '\u202eevil\u202c',
    '',
    '   ',
    '\t\n',
    '0',
    '-1',
    'null',
    '{}',
  ),
  fc.string({ unit: fc.constantFrom('م', 'ر', 'ح', 'ب', 'ש', 'ל', '\u200f', '\u202b', ' ', '1'), maxLength: 40 }),
  fc.integer({ min: 1_000, max: 1_200_000 }).map((n) => 'A'.repeat(n)),
  // Forged keyset cursors: the shapes our cursors have, with values that would break a cast in SQL.
  fc
    .constantFrom<unknown>(
      { t: 'not a date', id: 'x' },
      { t: '2027-01-01T00:00:00Z', id: 'not-a-uuid' },
      ['\u0000', 'x'],
      ['2027-13-45 99:99:99+00', '00000000-0000-0000-0000-000000000000'],
      [1, 2],
      'x',
    )
    .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
);

const FORM_FIELDS = Object.keys(completeManagementReferral());

describe('every route, given arbitrary text', () => {
  it('never answers 5xx, and a refusal writes nothing', { timeout: 600_000 }, async () => {
    const { world } = suite;
    const referrer = await as(world.referrer);
    const clinician = await as(world.clinician);
    const callers: Record<string, ApiCaller> = {
      referrer,
      clinician,
      manager: await as(world.manager),
      top: await as(world.top),
    };

    // Real records behind the path parameters, so requests get past "not found" to the text.
    const draft = (
      await referrer.post('/api/referrals', { formKey: 'management-referral', formData: completeManagementReferral() })
    ).body.id as string;
    const open = (
      await referrer.post('/api/referrals', {
        formKey: 'management-referral',
        formData: completeManagementReferral({ employeeEmail: 'e@home.test' }),
      })
    ).body.id as string;
    await referrer.post(`/api/referrals/${open}/submit`);
    await clinician.post(`/api/triage/${open}/accept`, {});
    const action = (
      await clinician.post(`/api/cases/${open}/actions`, {
        kind: 'appointment',
        scheduledAt: '2027-01-15T10:30:00Z',
        appointmentType: 'telephone',
      })
    ).body.action.id as string;
    const pending = (
      await referrer.post('/api/referrals', { formKey: 'management-referral', formData: completeManagementReferral() })
    ).body.id as string;
    await referrer.post(`/api/referrals/${pending}/submit`);

    const doc = (await referrer.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s);

    const ids: Record<string, string> = {
      id: draft,
      actionId: action,
      documentId: crypto.randomUUID(),
      letterId: crypto.randomUUID(),
      key: 'management-referral',
      code: 'no-such-code',
    };
    const casePaths = /^\/api\/(cases|triage)\//;
    const fillPath = (path: string) =>
      path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name !== 'id') return ids[name]!;
        if (path.startsWith('/api/cases/')) return open;
        if (path.startsWith('/api/triage/')) return pending;
        if (path.startsWith('/api/users/')) return world.peer.id;
        return draft;
      });
    const callerFor = (path: string) =>
      casePaths.test(path)
        ? callers.clinician!
        : path.startsWith('/api/approvals')
          ? callers.manager!
          : path.startsWith('/api/users')
            ? callers.top!
            : callers.referrer!;

    /** Each string either hostile or as a client would send it, so hostile text also reaches the later checks. */
    function arbitraryFor(schema: Schema, name: string): fc.Arbitrary<unknown> {
      const s = resolve(schema);
      if (s.anyOf) return fc.oneof(...s.anyOf.map((x) => arbitraryFor(x, name)));
      const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
      if (type === 'object' || s.properties || s.additionalProperties) {
        if (!s.properties && s.additionalProperties && typeof s.additionalProperties === 'object') {
          return fc.dictionary(
            fc.oneof(fc.constantFrom(...FORM_FIELDS), hostileText),
            arbitraryFor(s.additionalProperties, name),
            { maxKeys: 6 },
          );
        }
        const entries = Object.entries(s.properties ?? {});
        return fc.record(Object.fromEntries(entries.map(([k, v]) => [k, arbitraryFor(v, k)])), {
          requiredKeys: entries.map(([k]) => k).filter((k) => s.required?.includes(k)),
        });
      }
      if (type === 'array') return fc.array(arbitraryFor(s.items ?? {}, name), { maxLength: 3 });
      if (type === 'boolean') return fc.boolean();
      if (type === 'integer' || type === 'number')
        return fc.oneof(fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 1000 }), hostileText);
      const plausible: fc.Arbitrary<string> = s.enum
        ? fc.constantFrom(...(s.enum as string[]))
        : s.format === 'uuid'
          ? fc.constantFrom(draft, open, crypto.randomUUID())
          : s.format === 'date'
            ? fc.constant('2027-03-31')
            : s.format === 'date-time'
              ? fc.constant('2027-03-01T10:00:00Z')
              : fc.constantFrom('Fit for work', `Tester${world.tag}`, 'Back pain', 'LS1 1AA');
      return fc.oneof(plausible, hostileText);
    }

    const tally: Record<string, number> = {};
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const query = (op.parameters ?? []).filter((p) => p.in === 'query');
        const body = op.requestBody?.content['application/json']?.schema;
        // Only routes that take text; sign-out would end the session the rest depend on.
        if ((!body && query.length === 0) || path === '/api/auth/logout') continue;
        const route = `${method.toUpperCase()} ${path}`;
        const caller = callerFor(path);
        const input = fc.record({
          query: fc.record(
            Object.fromEntries(
              query.map((p) => [p.name, fc.oneof(hostileText, arbitraryFor(p.schema, p.name).map(String))]),
            ),
            { requiredKeys: [] },
          ),
          body: body ? arbitraryFor(body, 'body') : fc.constant(undefined),
        });
        await fc.assert(
          fc.asyncProperty(input, async ({ query: q, body: b }) => {
            tally[route] = (tally[route] ?? 0) + 1;
            const search = new URLSearchParams(q as Record<string, string>).toString();
            const before = await fingerprint();
            const res = await caller.request(method.toUpperCase(), `${fillPath(path)}${search ? `?${search}` : ''}`, b);
            expect(
              res.status,
              `${route} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`,
            ).toBeLessThan(500);
            // Secret-bearing columns never reach a response, whatever was asked.
            expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|totpKey|tokenHash|codeHash|ciphertext/i);
            if (res.status >= 400) {
              expect(res.body.error?.message, `${route} refused without a message`).toEqual(expect.any(String));
              expect(await fingerprint(), `${route} refused with ${res.status} but changed the database`).toBe(before);
            }
          }),
          { numRuns: RUNS },
        );
      }
    }
    console.log(
      `Requests tried per route (FUZZ_RUNS=${RUNS}):\n${Object.entries(tally)
        .map(([r, n]) => `  ${String(n).padStart(4)}  ${r}`)
        .join('\n')}`,
    );
    expect(Object.keys(tally).length).toBeGreaterThan(20);
  });
});

/** Every table's content but the bookkeeping a refusal may still do (sessions sliding, throttles, the audit log). */
async function fingerprint(): Promise<string> {
  const { db } = suite.sys;
  const tables = (await db('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .pluck('table_name')) as string[];
  // sent_emails is written by workflows after earlier accepted requests (a note's email, say), so it can
  // change while a later refusal is being answered without that refusal having written anything.
  const counted = tables
    .filter((t) => !/^(sessions|rate_limits|audit_log|sent_emails|knex_migrations.*)$|sign_in/.test(t))
    .sort();
  const union = counted
    .map((t) => `select '${t}:' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${t}" x`)
    .join(' union all ');
  const { rows } = await db.raw(`select string_agg(h, ';' order by h) as all from (${union}) s`);
  return rows[0].all as string;
}
