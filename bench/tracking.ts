import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import knex from 'knex';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { createSession, generateSessionToken } from '../services/sessions.ts';
import { benchApiNodeArgs, bundleBenchApi } from './bundle-api.ts';
import { fill, fillMiExtras, GENERATOR_VERSION, ORGANISATIONS, planUsers, USERS } from './tracking-fill.ts';

/**
 * Track Referrals at scale, measured from outside: the list API over HTTP (the real
 * app, real session cookies) beside the same page's SQL run directly on the same
 * database (on the API process's own pool connections: bench/tracking-api.ts), for
 * five people, every sort, three filter combinations, a surname search across both
 * tabs and a deep keyset page.
 *
 *   npm run bench:tracking                          # 1,000,000 cases (fills once, then reuses)
 *   npm run bench:tracking -- --cases 100000        # a quick run
 *   npm run bench:tracking -- --requests 50 --refill
 *   npm run bench:tracking -- --mi-only --only top    # Live MI tabs alone, for the top user
 *   npm run bench:tracking -- --lists-only            # Track Referrals alone, no Live MI
 *   npm run bench:tracking -- --client fetch          # timed with Node's fetch instead (its own cost counted as the API's)
 *
 * The database is casebook_bench on the server of BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/casebook_bench), created when missing and
 * migrated with the project's migrations. The scenarios are a table of query
 * parameters: parameters an older API does not know are ignored by it.
 */
const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '30' },
    refill: { type: 'boolean', default: false },
    only: { type: 'string' },
    'fill-only': { type: 'boolean', default: false },
    // Live MI's tabs alone (no Track Referrals scenarios): MI work measured without the list's minutes.
    'mi-only': { type: 'boolean', default: false },
    // Track Referrals' scenarios alone: no Live MI tabs, nor their appointments and letters filled.
    'lists-only': { type: 'boolean', default: false },
    // The bench's HTTP client: node:http on a kept-alive connection (the default), or Node's fetch, whose
    // own cost per request (its WHATWG streams and headers, ~0.3 ms here) was counted in the API's times before.
    client: { type: 'string', default: 'http' },
  },
});
if (!['http', 'fetch'].includes(args.client!)) throw new Error('--client is http or fetch');
const CASES = Number(args.cases);
const N = Number(args.requests);
const TARGET_RATIO = 1.5;
const TARGET_SQL_MS = 50;

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/casebook_bench';
const dbName = new URL(databaseUrl).pathname.slice(1);

// -- The database: created, migrated, filled once per (cases, generator) --------------------------
const serverUrl = new URL(databaseUrl);
serverUrl.pathname = '/postgres';
const admin = knex({ client: 'pg', connection: serverUrl.toString(), pool: { min: 0, max: 1 } });
const exists = await admin('pg_database').where({ datname: dbName }).first('datname');
if (!exists) await admin.raw(`create database ${dbName.replace(/[^a-z0-9_]/gi, '')}`);
await admin.destroy();

const db = createDb({ databaseUrl, dataDir: os.tmpdir(), poolMax: 2 });
await migrateLatest(db);
await db.raw('create table if not exists bench_fill (cases integer not null, generator integer not null)');
const filled = await db('bench_fill').first('cases', 'generator');
if (args.refill || filled?.cases !== CASES || filled?.generator !== GENERATOR_VERSION) {
  console.log(`Filling ${dbName}: ${CASES.toLocaleString()} cases, ${ORGANISATIONS} organisations, ${USERS} users...`);
  const t0 = performance.now();
  await db('bench_fill').delete();
  // Nobody signs in with a password here: sessions are made directly.
  await fill(db, databaseUrl, CASES, 'bench-no-password');
  const t1 = performance.now();
  await db.raw('vacuum analyze');
  await db('bench_fill').insert({ cases: CASES, generator: GENERATOR_VERSION });
  const t2 = performance.now();
  console.log(
    `Filled in ${((t1 - t0) / 1000).toFixed(1)} s (COPY), vacuum analyze ${((t2 - t1) / 1000).toFixed(1)} s\n`,
  );
} else {
  console.log(`Reusing ${dbName}: ${CASES.toLocaleString()} cases (--refill to fill again)\n`);
}

// Appointments and advice letters for Live MI: filled once, also into a database filled before they were.
if (!args['lists-only'] && !(await db('advice_letters').first('id'))) {
  console.log('Adding appointments and advice letters for Live MI...');
  const t0 = performance.now();
  await fillMiExtras(db);
  await db.raw('vacuum analyze case_actions, documents, advice_letters');
  console.log(`Added in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

// Live MI's covering index answers index-only only over all-visible pages: after a migration that wrote
// every referral (the milestones' backfill) or the fill above, vacuum them now rather than whenever
// autovacuum gets there (quick when nothing changed).
await db.raw('vacuum analyze referrals');

if (args['fill-only']) {
  await db.destroy();
  process.exit(0);
}

// -- The five people, all in the largest organisation but the clinician ----------------------------
const biggest = await db('organisations').where({ code: 'B01' }).first('id');
const { users: plan } = planUsers();
const tree = plan[0]!;
const idOf = (index: number) => tree[index]!.id;
const top = tree[0]!;
// A middle manager: the first at depth 2 (two levels under the top, three above the leaves).
const middle = tree.find((u) => u.depth === 2)!;
// A leaf referrer with no rows of their own and nobody sharing with them.
const leafRow = await db('users as u')
  .join('memberships as m', 'm.user_id', 'u.id')
  .where('m.organisation_id', biggest.id)
  .whereNotExists((q) => q.from('memberships as b').whereRaw('b.manager_id = u.id'))
  .whereNotExists((q) => q.from('referrals as r').whereRaw('r.owner_id = u.id'))
  .whereNotExists((q) => q.from('shares as s').whereRaw('s.viewer_id = u.id'))
  .orderBy('u.username')
  .first('u.id');
// A sharer: the one in the organisation others share with most.
const sharerRow = await db('shares')
  .where({ organisationId: biggest.id })
  .groupBy('viewer_id')
  .orderByRaw('count(*) desc, viewer_id')
  .first('viewer_id as id');
const clinician = await db('users').where({ username: 'bench.clinician' }).first('id');
const provider = await db('organisations').where({ code: 'BENCHPROV' }).first('id');
const personas = [
  { label: 'top of hierarchy', userId: idOf(top.index), orgId: biggest.id },
  { label: 'middle manager', userId: idOf(middle.index), orgId: biggest.id },
  { label: 'leaf, no rows', userId: leafRow.id, orgId: biggest.id },
  { label: 'sharer', userId: sharerRow.id, orgId: biggest.id },
  { label: 'clinician', userId: clinician.id, orgId: provider.id },
].filter((p) => !args.only || p.label.startsWith(args.only));

// -- The scenarios: query parameters, so the same table drives an older or newer list API -----------
const SORTS = [
  'updatedAt',
  'employee',
  'caseNumber',
  'division',
  'location',
  'department',
  'received',
  'status',
  'caseType',
  'organisation',
  'owner',
  'recallDate',
];
const DEEP_PAGES = 20;
const WARM_UP_ROUNDS = 10;
type Scenario = {
  name: string;
  params: Record<string, string>;
  deep?: boolean;
  /** Another endpoint than the list's; its queries run side by side, as the API runs them. */
  mi?: string;
};
const SCENARIOS: Scenario[] = [
  ...SORTS.map((sort) => ({ name: `open, sort ${sort}`, params: { tab: 'open', sort, dir: 'desc' } })),
  { name: 'closed (all), sort received asc', params: { tab: 'closed', scope: 'all', sort: 'received', dir: 'asc' } },
  { name: 'filter status', params: { tab: 'open', status: 'triage_ima_required' } },
  { name: 'filter employee+location', params: { tab: 'closed', scope: 'all', employee: 'son', location: 'leeds' } },
  {
    name: 'filter type+dept+division',
    params: { tab: 'open', caseType: 'management-referral', department: 'claims', division: 'oper', sort: 'employee' },
  },
  { name: 'search surname (both tabs)', params: { search: 'Taylor' } },
  { name: `open, page ${DEEP_PAGES + 1} (keyset)`, params: { tab: 'open' }, deep: true },
];
// Live MI (issue 13): each tab over the viewer's whole history, and over one year. Client users only:
// MI counts the viewer's own organisation's cases, and the bench grants them the MI viewer permission.
const MI_SCENARIOS: Scenario[] = ['volumes', 'outcomes', 'turnaround'].flatMap((tab): Scenario[] => [
  { name: `MI ${tab}`, params: {}, mi: tab },
  { name: `MI ${tab}, 2025`, params: { from: '2025-01-01', to: '2025-12-31' }, mi: tab },
]);
const listScenarios = args['mi-only'] ? [] : SCENARIOS;
const scenariosOf = (p: { orgId: string }) =>
  p.orgId === provider.id || args['lists-only'] ? listScenarios : [...listScenarios, ...MI_SCENARIOS];
await db('memberships')
  .whereIn(
    'user_id',
    personas.filter((p) => p.orgId !== provider.id).map((p) => p.userId),
  )
  .whereRaw("not ('mi_viewer' = any(permissions))")
  .update({ permissions: db.raw("array_append(permissions, 'mi_viewer')") });

// -- The API: the real app in a child process ---------------------------------------------------
// The API as production runs it: bundled, started by node, no tsx.
const bundled = await bundleBenchApi('bench/tracking-api.ts');
const child: ChildProcess = spawn(process.execPath, [...benchApiNodeArgs(), bundled.file], {
  env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// Stopped part-way (Ctrl-C), the bench takes its API with it instead of leaving it running.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    child.kill('SIGTERM');
    process.exit(130);
  });
const port = await new Promise<number>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
  createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l).port));
});
const base = `http://127.0.0.1:${port}`;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
/** A request's status and body as text, on the one kept-alive connection (a browser's, in effect). */
function httpText(url: string, options: http.RequestOptions, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { ...options, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
const httpGet = (url: string, headers: Record<string, string>) => httpText(url, { headers });
/** The bench's own calls to the API process: JSON in. */
const httpPost = (url: string, body: string) =>
  httpText(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, body);
async function getText(url: string, headers: Record<string, string>) {
  if (args.client === 'http') return httpGet(url, headers);
  const res = await fetch(url, { headers });
  return { status: res.status, text: await res.text() };
}

async function get(cookie: string, params: Record<string, string>, capture = false, mi?: string) {
  const res = await getText(`${base}/api/${mi ? `mi/${mi}` : 'referrals'}?${new URLSearchParams(params)}`, {
    cookie,
    ...(capture ? { 'x-bench-capture': '1' } : {}),
  });
  if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
  return JSON.parse(res.text) as {
    rows: unknown[];
    nextCursor: string | null;
    total?: number;
    closedCases?: number;
    stages?: { cases: number }[];
  };
}

type Result = { who: string; scenario: string; rows: number; api: number[]; sql: number[]; mi: boolean };
const results: Result[] = [];
const started = performance.now();
try {
  const cookies = new Map<string, string>();
  for (const p of personas) {
    const token = generateSessionToken();
    await createSession(db, token, p.userId, p.orgId);
    cookies.set(p.label, `casebook_session=${token}`);
  }
  // An API that has served for a while has its hot paths compiled by V8; a fresh one has not, and
  // the first person measured would pay for it. So every person's open-tab pages first, untimed.
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    for (const p of personas)
      for (const sort of SORTS) await get(cookies.get(p.label)!, { tab: 'open', sort, limit: '50' });
  }
  for (const p of personas) {
    const cookie = cookies.get(p.label)!;
    for (const s of scenariosOf(p)) {
      const params: Record<string, string> = s.mi ? { ...s.params } : { ...s.params, limit: '50' };
      if (s.deep) {
        for (let i = 0; i < DEEP_PAGES; i++) {
          const page = await get(cookie, params);
          if (!page.nextCursor) break;
          params.cursor = page.nextCursor;
        }
      }
      // The page once, capturing the SQL the API ran for it; then warm both paths.
      const page = await get(cookie, params, true, s.mi);
      const captured = JSON.parse((await getText(`${base}/__bench/captured`, {})).text) as {
        sql: string;
        bindings: [];
      }[];
      // The list's one query; every query of an MI tab but the session's, side by side.
      const listSql = captured.filter((q) => (s.mi ? !/"sessions"/i.test(q.sql) : /from "referrals"/i.test(q.sql)));
      // Timed in the API's process, on its pool's connections (bench/tracking-api.ts says why).
      const body = JSON.stringify({ queries: listSql, parallel: Boolean(s.mi) });
      const runSql = async () => {
        const res = await httpPost(`${base}/__bench/sql`, body);
        if (res.status !== 200) throw new Error(`the direct SQL failed: ${res.status} ${res.text}`);
        return JSON.parse(res.text).ms as number;
      };
      for (let i = 0; i < 3; i++) {
        await get(cookie, params, false, s.mi);
        await runSql();
      }
      const api: number[] = [];
      const sql: number[] = [];
      // Interleaved, so both see the same machine at the same moment.
      for (let i = 0; i < N; i++) {
        const t = performance.now();
        await get(cookie, params, false, s.mi);
        api.push(performance.now() - t);
        sql.push(await runSql());
      }
      // An MI tab's row count: the cases it counted.
      const rows = s.mi ? (page.total ?? page.closedCases ?? page.stages?.[0]?.cases ?? 0) : page.rows.length;
      const r = { who: p.label, scenario: s.name, rows, api, sql, mi: Boolean(s.mi) };
      results.push(r);
      printRow(r);
    }
  }
} finally {
  child.kill('SIGTERM');
  bundled.remove();
  agent.destroy();
  await db.destroy();
}

function printRow(r: Result) {
  if (results.length === 1) {
    console.log(
      `${'who'.padEnd(17)} ${'scenario'.padEnd(34)} ${'rows'.padStart(6)}  ${'API p50'.padStart(7)} ${'p95'.padStart(6)}  ${'SQL p50'.padStart(7)} ${'p95'.padStart(6)}  ratio p95`,
    );
  }
  const [a50, a95, s50, s95] = [pct(r.api, 0.5), pct(r.api, 0.95), pct(r.sql, 0.5), pct(r.sql, 0.95)];
  const flag = (a95 / s95 > TARGET_RATIO ? ' ratio!' : '') + (!r.mi && s95 > TARGET_SQL_MS ? ' sql!' : '');
  console.log(
    `${r.who.padEnd(17)} ${r.scenario.padEnd(34)} ${String(r.rows).padStart(6)}  ${a50.toFixed(1).padStart(7)} ${a95.toFixed(1).padStart(6)}  ${s50.toFixed(1).padStart(7)} ${s95.toFixed(1).padStart(6)}  ${(a95 / s95).toFixed(2).padStart(9)}${flag}`,
  );
}

console.log(`\n${results.length} scenarios x ${N} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
for (const [what, rs] of [
  ['Track Referrals', results.filter((r) => !r.mi)],
  ['Live MI', results.filter((r) => r.mi)],
] as const) {
  if (!rs.length) continue;
  const worstSql = Math.max(...rs.map((r) => pct(r.sql, 0.95)));
  const ratios = rs.map((r) => pct(r.api, 0.95) / pct(r.sql, 0.95));
  console.log(
    `${what}: worst SQL p95 ${worstSql.toFixed(1)} ms${rs[0]!.mi ? '' : ` (target < ${TARGET_SQL_MS})`}; ` +
      `API/SQL p95 ratio median ${pct(ratios, 0.5).toFixed(2)}, worst ${Math.max(...ratios).toFixed(2)} (target <= ${TARGET_RATIO})`,
  );
}
console.log(
  `machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(2)} (other work shares the CPUs)`,
);
