import { randomUUID } from 'node:crypto';
import os from 'node:os';
import knex from 'knex';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { listReferrals } from '../db/queries/referral-list.ts';
import { createOrganisation } from '../db/queries/provisioning.ts';

/**
 * The Track Referrals list under the visibility rule, at scale. Prints timings
 * (p50 / p95 over repeated first pages and a deep keyset page) for a user at the
 * top of a large hierarchy, a middle manager and a leaf referrer.
 *
 *   npm run bench                    # 200,000 cases
 *   BENCH_CASES=1000000 npm run bench
 */
const CASES = Number(process.env.BENCH_CASES ?? 200_000);
const USERS = 500; // a tree: each manager has 7 reports
const RUNS = 30;
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const name = `casebook_bench_${process.pid}`;
const admin = knex({ client: 'pg', connection: SERVER, pool: { min: 0, max: 1 } });
await admin.raw(`create database ${name}`);
const url = new URL(SERVER);
url.pathname = `/${name}`;
const db = createDb({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
try {
  await migrateLatest(db);
  const org = await createOrganisation(db, {
    code: 'BEN',
    name: 'Bench Org',
    verificationCode: 'bench',
    caseNumberPrefix: 'BEN',
    emailDomains: ['bench.example'],
    formKeys: ['management-referral'],
  });
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  console.log(`Generating ${USERS} users and ${CASES.toLocaleString()} cases...`);
  const t0 = performance.now();
  // Users 1..USERS; user n reports to user floor((n - 2) / 7) + 1: a 7-ary tree under user 1.
  await db.raw(
    `insert into users (id, username, email, password_hash, first_name, surname, status)
     select ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid, 'u' || n, 'u' || n || '@bench.example', 'x', 'User', 'N' || n, 'active'
     from generate_series(1, ?) n`,
    [USERS],
  );
  await db.raw(
    `insert into memberships (user_id, organisation_id, manager_id, permissions)
     select ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid, ?,
            case when n = 1 then null else ('00000000-0000-0000-0000-' || lpad(((n - 2) / 7 + 1)::text, 12, '0'))::uuid end,
            '{referrer}'
     from generate_series(1, ?) n`,
    [org.id, USERS],
  );
  await db.raw(
    `insert into referrals (id, organisation_id, form_type_id, author_id, owner_id, status, case_number, employee_first_name, employee_surname, submitted_at, updated_at)
     select gen_random_uuid(), ?, ?, o, o,
            (array['pending_triage','triage_ima_required','closed','closed'])[1 + n % 4],
            case when n % 4 = 0 then null else 'BEN/' || n end,
            'Emp', 'Surname' || (n % 5000),
            now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval
     from (select n, ('00000000-0000-0000-0000-' || lpad((1 + n % ?)::text, 12, '0'))::uuid as o from generate_series(1, ?) n) s`,
    [org.id, form.id, USERS, CASES],
  );
  await db.raw('analyze');
  console.log(`Generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const viewer = (n: number) => ({
    userId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
    organisationId: org.id,
    seesAllSubmitted: false,
  });
  const who = [
    { label: 'top of hierarchy (sees all)', v: viewer(1) },
    { label: 'middle manager', v: viewer(3) },
    { label: 'leaf referrer', v: viewer(USERS) },
    // A provider clinician: every organisation's submitted cases (Cases page).
    {
      label: 'clinician (all organisations)',
      v: { ...viewer(1), organisationId: randomUUID(), seesAllSubmitted: true },
    },
  ];
  console.log('list                              tab     p50 ms   p95 ms   rows');
  for (const { label, v } of who) {
    for (const tab of ['open', 'closed'] as const) {
      const times: number[] = [];
      let rows = 0;
      let cursor: string | undefined;
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        // Alternate a first page and the next keyset page, as a user paging would.
        const page = await listReferrals(db, v, { tab, limit: 50, ...(i % 2 && cursor ? { cursor } : {}) });
        times.push(performance.now() - start);
        rows = page.rows.length;
        cursor = page.nextCursor ?? undefined;
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      console.log(`${label.padEnd(33)} ${tab.padEnd(7)} ${p(0.5).padStart(6)}   ${p(0.95).padStart(6)}   ${rows}`);
    }
  }
  const search = performance.now();
  await listReferrals(db, viewer(1), { tab: 'closed', limit: 50, search: 'Surname42' });
  console.log(`\nsurname search (top, closed): ${(performance.now() - search).toFixed(1)} ms`);
  const byNumber = performance.now();
  await listReferrals(db, who[3]!.v, { tab: 'open', limit: 50, search: 'BEN/4241' });
  console.log(`case number search (clinician, open): ${(performance.now() - byNumber).toFixed(1)} ms`);
  console.log(
    `cases: ${CASES.toLocaleString()}, users: ${USERS}, memory rss: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
} finally {
  await db.destroy();
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}
