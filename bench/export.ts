import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import knex from 'knex';
import { SESSION_COOKIE } from '../api/middleware/session.ts';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { createOrganisation } from '../db/queries/provisioning.ts';
import { type ListTab, listReferralsForExport } from '../db/queries/referral-list.ts';
import { createSession } from '../services/sessions.ts';
import { benchApiNodeArgs, bundleBenchApi } from './bundle-api.ts';
import { writeWorkbook } from '../services/list-workbook.ts';
import { REFERRAL_COLUMNS, type WorkbookRow } from '../services/referral-workbook.ts';

/**
 * Export Referrals at size: BENCH_EXPORT_ROWS cases (100,000 by default, half open, half
 * closed) downloaded through the API (a process of its own, bench/export-api.ts) beside
 * exceljs's streaming writer alone writing the same rows from memory. Prints both times,
 * their ratio (target <= 1.3) and the API process's peak RSS (target <= 300 MB).
 * Needs PostgreSQL (TEST_DATABASE_URL's server); makes its own database and drops it.
 *
 *   npm run bench:export
 */
const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const name = `casebook_bench_export_${process.pid}`;
const admin = knex({ client: 'pg', connection: SERVER, pool: { min: 0, max: 1 } });
await admin.raw(`create database ${name}`);
const url = new URL(SERVER);
url.pathname = `/${name}`;
const db = createDb({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Bytes to nowhere, as fast as they come. */
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

let api: ReturnType<typeof spawn> | undefined;
const cleanup: (() => void)[] = [];
const ROOT = fileURLToPath(new URL('../', import.meta.url));
try {
  await migrateLatest(db);
  const org = await createOrganisation(db, {
    code: 'BEX',
    name: 'Bench Export Org',
    verificationCode: 'bench-export',
    caseNumberPrefix: 'BEX',
    emailDomains: ['bench.example'],
    locations: ['Leeds', 'York'],
    divisions: ['Operations'],
    departments: ['Claims'],
    formKeys: ['management-referral'],
  });
  const form = await db('form_types').where({ key: 'management-referral' }).first('id');
  const [user] = await db('users')
    .insert({
      username: 'exporter',
      email: 'exporter@bench.example',
      passwordHash: 'x',
      firstName: 'Ex',
      surname: 'Porter',
      status: 'active',
    })
    .returning('id');
  await db('memberships').insert({ userId: user.id, organisationId: org.id, permissions: ['referrer'] });
  console.log(`Generating ${ROWS.toLocaleString()} cases...`);
  await db.raw(
    `insert into referrals (id, organisation_id, form_type_id, author_id, owner_id, status, case_number,
       employee_first_name, employee_surname, location_id, division_id, department_id, submitted_at, recall_date, updated_at)
     select gen_random_uuid(), ?, ?, ?, ?,
            (array['triage_ima_required','closed'])[1 + n % 2],
            'BEX/' || n, 'First' || (n % 97), 'Surname' || (n % 1013), ?, ?, ?,
            now() - n * interval '1 minute',
            case when n % 2 = 1 then (current_date + (n % 400)) end,
            now() - n * interval '30 seconds'
     from generate_series(1, ?) n`,
    [org.id, form.id, user.id, user.id, org.locations.Leeds, org.divisions.Operations, org.departments.Claims, ROWS],
  );
  await db.raw('analyze referrals');
  const token = randomBytes(32).toString('base64url');
  await createSession(db, token, user.id, org.id, Date.now() + 60 * 60 * 1000);
  // The bench user manages no one and has no shares: they see their own cases only.
  const viewer = {
    userId: user.id as string,
    organisationId: org.id,
    seesAllSubmitted: false,
    visibleOwnerIds: [user.id as string],
  };

  // The same rows in memory, for the writer alone.
  const sheets: WorkbookRow[][] = [];
  for (const tab of ['open', 'closed'] as ListTab[]) {
    const rows: WorkbookRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await listReferralsForExport(db, viewer, { tab, limit: 5_000, ...(cursor ? { cursor } : {}) });
      rows.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    sheets.push(rows);
  }
  async function* inBatches(rows: WorkbookRow[]) {
    for (let i = 0; i < rows.length; i += 1_000) yield rows.slice(i, i + 1_000);
  }
  const writerAlone: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    await writeWorkbook(sink(), REFERRAL_COLUMNS, [
      { name: 'Open Cases', batches: inBatches(sheets[0]!) },
      { name: 'Closed Cases', batches: inBatches(sheets[1]!) },
    ]);
    writerAlone.push(performance.now() - t0);
  }

  // The API as production runs it: bundled, started by node, no tsx (a third of the memory measured).
  const bundled = await bundleBenchApi('bench/export-api.ts');
  cleanup.push(bundled.remove);
  const entry = bundled.file;
  api = spawn(process.execPath, [...benchApiNodeArgs(), entry], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DATABASE_URL: url.toString() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    api!.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
    api!.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  const rssOf = (field: 'VmRSS' | 'VmHWM') =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${api!.pid}/status`, 'utf8'))![1]) / 1024;
  const idleRssMb = rssOf('VmRSS');
  const throughApi: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/referrals/export.xlsx?scope=all`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    bytes = 0;
    const reader = res.body!.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.length;
    throughApi.push(performance.now() - t0);
  }
  const peakRssMb = rssOf('VmHWM');

  const ratio = median(throughApi) / median(writerAlone);
  console.log(`Export of ${ROWS.toLocaleString()} rows (${(bytes / 1e6).toFixed(1)} MB .xlsx), median of ${RUNS}:`);
  const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`  through the API:          ${median(throughApi).toFixed(0)} ms (runs: ${runs(throughApi)})`);
  console.log(`  exceljs streaming alone:  ${median(writerAlone).toFixed(0)} ms (runs: ${runs(writerAlone)})`);
  console.log(`  ratio:                    ${ratio.toFixed(2)} (target <= 1.3)`);
  console.log(
    `  API process peak RSS:     ${peakRssMb.toFixed(0)} MB (target <= 300; ${idleRssMb.toFixed(0)} MB started)`,
  );
} finally {
  api?.kill('SIGTERM');
  for (const step of cleanup) step();
  await db.destroy();
  await admin.raw(`drop database if exists ${name} with (force)`);
  await admin.destroy();
}
