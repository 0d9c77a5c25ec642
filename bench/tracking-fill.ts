import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createOrganisation } from '../db/queries/provisioning.ts';
import type { CaseStatus } from '../domain/statuses.ts';

/**
 * The Track Referrals bench's data: organisations of very different sizes (the
 * largest holds about a fifth of everything), hierarchies up to 6 levels deep,
 * shares, every status, realistic names and dates. Users, memberships, shares and
 * referrals are generated here and streamed in with COPY. Deterministic: the same
 * counts give the same rows and the same personas.
 */
export const GENERATOR_VERSION = 1;
export const ORGANISATIONS = 50;
export const USERS = 5_000;
/** Drives the fan-out: each organisation's tree is about this deep. */
const LEVELS = 6;

const FIRST_NAMES = (
  'Oliver Amelia George Isla Harry Ava Noah Mia Jack Ivy Charlie Lily Leo Florence Oscar Freya Arthur Evie Henry ' +
  'Grace Theo Sophia Freddie Willow Alfie Rosie Archie Ella Thomas Sienna James Poppy Jacob Isabella Muhammad Emily ' +
  'William Daisy Lucas Alice Joshua Phoebe Edward Matilda Ethan Harper Samuel Aria Max Chloe Daniel Ruby Adam Emma'
).split(' ');
const SURNAMES = (
  'Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker ' +
  'White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward Morris ' +
  'Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young ' +
  'Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan ' +
  'Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali ' +
  'Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens'
).split(' ');
const SYLLABLES = 'ash bar ber cal dun fen gar hol ing ley mor ness ock pen ray sted thw ton vel wick'.split(' ');
const PLACES = ['Leeds', 'York', 'Bradford', 'Sheffield', 'Hull', 'Wakefield', 'Harrogate', 'Doncaster'];
const DIVISIONS = ['Operations', 'Finance', 'Corporate Services', 'Customer Service', 'Estates'];
const DEPARTMENTS = ['Claims', 'Payroll', 'Contact Centre', 'Facilities', 'Legal', 'IT', 'HR'];

/** How often each status occurs: mostly closed, then open cases; a few of everything else. */
const STATUS_MIX: [CaseStatus, number][] = [
  ['closed', 55],
  ['triage_ima_required', 11],
  ['triage_further_evidence_required', 6],
  ['awaiting_employee_consent', 5],
  ['pending_triage', 8],
  ['awaiting_approval', 3],
  ['draft', 6],
  ['rejected', 4],
  ['deleted', 2],
];
const ACCEPTED: CaseStatus[] = [
  'closed',
  'triage_ima_required',
  'triage_further_evidence_required',
  'awaiting_employee_consent',
];

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  const hex = (n: number) =>
    Math.floor(next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  return { next, int, pick, uuid };
}

export type BenchUser = {
  id: string;
  org: number;
  /** Index within the organisation; 0 is the top of its tree. */
  index: number;
  depth: number;
  managerIndex: number | null;
  ownsCases: boolean;
};

export type BenchOrg = {
  id: string;
  name: string;
  prefix: string;
  weight: number;
  users: BenchUser[];
  locations: string[];
  divisions: string[];
  departments: string[];
};

export type BenchWorld = {
  orgs: BenchOrg[];
  provider: { id: string };
  clinicianId: string;
  shares: { org: number; ownerId: string; viewerId: string }[];
};

/** Zipf-like organisation sizes: organisation i has weight 1/(i+1). */
function orgWeights(): number[] {
  const raw = Array.from({ length: ORGANISATIONS }, (_, i) => 1 / (i + 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / sum);
}

/** The people: a tree per organisation, fan-out chosen so it is about LEVELS deep. */
export function planUsers(): { users: BenchUser[][]; weights: number[] } {
  const rnd = prng(11);
  const weights = orgWeights();
  const sizes = weights.map((w) => Math.max(3, Math.round(w * USERS)));
  const users = sizes.map((n, org) => {
    const fanOut = Math.max(2, Math.ceil(n ** (1 / (LEVELS - 1))));
    const list: BenchUser[] = [];
    for (let index = 0; index < n; index++) {
      const managerIndex = index === 0 ? null : Math.floor((index - 1) / fanOut);
      const depth = managerIndex === null ? 0 : list[managerIndex]!.depth + 1;
      // One in ten has no cases of their own yet (new starters, pure managers).
      list.push({ id: rnd.uuid(), org, index, depth, managerIndex, ownsCases: rnd.next() >= 0.1 });
    }
    return list;
  });
  return { users, weights };
}

const copyText = (v: string | number | boolean | null | undefined) =>
  v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t');
const line = (values: (string | number | boolean | null | undefined)[]) => `${values.map(copyText).join('\t')}\n`;

async function copyRows(client: pg.Client, sql: string, rows: Iterable<string>): Promise<void> {
  function* batched() {
    let buffer = '';
    for (const row of rows) {
      buffer += row;
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(batched()), client.query(copyFrom(sql)));
}

/** Empties the bench database and fills it; returns the world the measurements need. */
export async function fill(db: Knex, databaseUrl: string, cases: number, passwordHash: string): Promise<BenchWorld> {
  await db.raw('truncate organisations, users cascade');
  const { users: plan, weights } = planUsers();
  const provider = await createOrganisation(db, {
    code: 'BENCHPROV',
    name: 'Bench Occupational Health',
    isProvider: true,
    verificationCode: 'bench-provider',
    caseNumberPrefix: 'PRV',
    emailDomains: ['provider.bench.example'],
  });
  const orgs: BenchOrg[] = [];
  for (let i = 0; i < ORGANISATIONS; i++) {
    const code = `B${String(i + 1).padStart(2, '0')}`;
    const org = await createOrganisation(db, {
      code,
      name: `Bench Client ${String(i + 1).padStart(2, '0')}`,
      verificationCode: `bench-${code}`,
      caseNumberPrefix: `CSM/${code}`,
      emailDomains: [`${code.toLowerCase()}.bench.example`],
      locations: PLACES.slice(0, 2 + (i % 6)),
      divisions: DIVISIONS.slice(0, 1 + (i % 5)),
      departments: DEPARTMENTS.slice(0, 2 + (i % 6)),
      formKeys: ['management-referral', 'ihr1'],
    });
    orgs.push({
      id: org.id,
      name: `Bench Client ${String(i + 1).padStart(2, '0')}`,
      prefix: `CSM/${code}`,
      weight: weights[i]!,
      users: plan[i]!,
      locations: Object.values(org.locations),
      divisions: Object.values(org.divisions),
      departments: Object.values(org.departments),
    });
  }
  const forms = (await db('form_types').whereIn('key', ['management-referral', 'ihr1']).select('id')).map(
    (f: { id: string }) => f.id,
  );
  const rnd = prng(42);
  const clinicianId = rnd.uuid();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const all = orgs.flatMap((o) => o.users);
    await copyRows(
      client,
      'COPY users (id, username, email, password_hash, title, first_name, surname, job_title, status) FROM STDIN',
      (function* () {
        const person = (id: string, username: string, email: string, jobTitle: string) =>
          line([
            id,
            username,
            email,
            passwordHash,
            'Ms',
            rnd.pick(FIRST_NAMES),
            rnd.pick(SURNAMES),
            jobTitle,
            'active',
          ]);
        yield person(clinicianId, 'bench.clinician', 'clinician@provider.bench.example', 'Clinician');
        for (const u of all) {
          const name = `bench.${u.org + 1}.${u.index}`;
          yield person(u.id, name, `${name}@b${u.org + 1}.bench.example`, u.depth < 3 ? 'Manager' : 'HR Adviser');
        }
      })(),
    );
    await copyRows(
      client,
      'COPY memberships (user_id, organisation_id, manager_id, location_id, division_id, department_id, permissions, status) FROM STDIN',
      (function* () {
        yield line([clinicianId, provider.id, null, null, null, null, '{clinician}', 'active']);
        for (const o of orgs)
          for (const u of o.users)
            yield line([
              u.id,
              o.id,
              u.managerIndex === null ? null : o.users[u.managerIndex]!.id,
              rnd.pick(o.locations),
              rnd.pick(o.divisions),
              rnd.pick(o.departments),
              u.depth < 4 ? '{referrer,approver}' : '{referrer}',
              'active',
            ]);
      })(),
    );
    // Shares: about one user in twenty shares with a colleague elsewhere in the organisation.
    const shares: BenchWorld['shares'] = [];
    const shareKeys = new Set<string>();
    for (const o of orgs)
      for (const u of o.users) {
        if (rnd.next() >= 0.05 || o.users.length < 4) continue;
        const viewer = rnd.pick(o.users);
        const key = `${u.id}:${viewer.id}`;
        if (viewer.id === u.id || shareKeys.has(key)) continue;
        shareKeys.add(key);
        shares.push({ org: u.org, ownerId: u.id, viewerId: viewer.id });
      }
    await copyRows(
      client,
      'COPY shares (organisation_id, owner_id, viewer_id, notify) FROM STDIN',
      (function* () {
        for (const s of shares) yield line([orgs[s.org]!.id, s.ownerId, s.viewerId, true]);
      })(),
    );
    await copyRows(
      client,
      `COPY referrals (id, organisation_id, form_type_id, author_id, owner_id, status, case_number,
        employee_first_name, employee_surname, location_id, division_id, department_id, recall_date,
        last_saved_at, submitted_at, accepted_at, rejected_at, closed_at, created_at, updated_at) FROM STDIN`,
      generateReferrals(orgs, forms, cases),
    );
    return { orgs, provider, clinicianId, shares };
  } finally {
    await client.end();
  }
}

function* generateReferrals(orgs: BenchOrg[], forms: string[], cases: number): Generator<string> {
  const rnd = prng(7);
  const cumulative: number[] = [];
  let acc = 0;
  for (const o of orgs) {
    acc += o.weight;
    cumulative.push(acc);
  }
  const owners = orgs.map((o) => o.users.filter((u) => u.ownsCases));
  const statusTotal = STATUS_MIX.reduce((a, [, w]) => a + w, 0);
  const now = Date.parse('2026-12-01T12:00:00Z');
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const sequence = orgs.map(() => 0);
  for (let n = 0; n < cases; n++) {
    const r = rnd.next();
    let org = cumulative.findIndex((c) => r < c);
    if (org < 0) org = orgs.length - 1;
    const o = orgs[org]!;
    const owner = rnd.pick(owners[org]!);
    // Now and then a case was written by someone else and handed over.
    const author = rnd.next() < 0.05 ? rnd.pick(o.users) : owner;
    let s = rnd.next() * statusTotal;
    let status: CaseStatus = 'closed';
    for (const [st, w] of STATUS_MIX) {
      if (s < w) {
        status = st;
        break;
      }
      s -= w;
    }
    const created = now - Math.floor(rnd.next() ** 1.5 * 5 * 365 * DAY);
    const submitted = status === 'draft' ? null : created + rnd.int(3 * DAY);
    const accepted = ACCEPTED.includes(status) && submitted ? submitted + rnd.int(5 * DAY) : null;
    const rejected = status === 'rejected' && submitted ? submitted + rnd.int(5 * DAY) : null;
    const closed = status === 'closed' && accepted ? accepted + rnd.int(120 * DAY) : null;
    const updated = Math.min(now, (closed ?? accepted ?? rejected ?? submitted ?? created) + rnd.int(10 * DAY));
    const surname =
      rnd.next() < 0.7
        ? rnd.pick(SURNAMES)
        : `${rnd.pick(SYLLABLES)}${rnd.pick(SYLLABLES)}${rnd.pick(SYLLABLES)}`.replace(/^./, (c) => c.toUpperCase());
    const caseNumber = accepted ? `${o.prefix}/${++sequence[org]!}` : null;
    const recall =
      accepted && status !== 'closed' && rnd.next() < 0.4 ? iso(updated + rnd.int(90 * DAY)).slice(0, 10) : null;
    yield line([
      rnd.uuid(),
      o.id,
      rnd.pick(forms),
      author.id,
      owner.id,
      status,
      caseNumber,
      rnd.pick(FIRST_NAMES),
      surname,
      rnd.next() < 0.9 ? rnd.pick(o.locations) : null,
      rnd.next() < 0.8 ? rnd.pick(o.divisions) : null,
      rnd.next() < 0.8 ? rnd.pick(o.departments) : null,
      recall,
      iso(created),
      submitted && iso(submitted),
      accepted && iso(accepted),
      rejected && iso(rejected),
      closed && iso(closed),
      iso(created),
      iso(updated),
    ]);
  }
}

/**
 * What Live MI's outcome and turnaround tabs read beyond the referrals: one appointment for each
 * triaged case (mostly attended, some missed or cancelled) and an advice letter for each closed
 * one, written by SQL from the referrals already there (deterministic: from the ids). A separate
 * step so a database filled before it existed gets it without filling again.
 */
export async function fillMiExtras(db: Knex): Promise<void> {
  // md5 of the id: the same pseudo-random choice on every fill.
  const pick = (salt: string, n: number) =>
    `(('x' || substr(md5(r.id::text || '${salt}'), 1, 7))::bit(28)::int % ${n})`;
  await db.raw(
    `insert into case_actions (id, referral_id, kind, scheduled_at, status, appointment_type, created_at, updated_at)
     select gen_random_uuid(), r.id, 'appointment',
            r.accepted_at + make_interval(days => 1 + ${pick('a', 40)}),
            case when r.status <> 'closed' and ${pick('s', 2)} = 0 then 'open'
                 else (array['closed','closed','closed','closed','closed','closed','closed','closed','dna','canx'])[1 + ${pick('d', 10)}] end,
            'telephone', r.accepted_at, r.accepted_at
       from referrals r where r.accepted_at is not null`,
  );
  await db.raw(
    `with letters as (
       select r.id as referral_id, gen_random_uuid() as document_id,
              r.accepted_at + make_interval(days => 5 + ${pick('l', 60)}) as issued_at
         from referrals r where r.status = 'closed' and r.accepted_at is not null),
     docs as (
       insert into documents (id, referral_id, kind, filename, content_type, size, iv, auth_tag, ciphertext, created_at)
       select document_id, referral_id, 'advice-letter', 'advice-letter.pdf', 'application/pdf', 0,
              '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, issued_at from letters)
     insert into advice_letters (id, referral_id, document_id, employee_review, issued_at, released_at)
     select gen_random_uuid(), referral_id, document_id, false, issued_at, issued_at from letters`,
  );
}
