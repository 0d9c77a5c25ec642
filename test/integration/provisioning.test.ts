import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OperatorDeps } from '../../bin/operator/deps.ts';
import { runOperatorCommand } from '../../bin/operator/cli.ts';
import { createDb } from '../../db/connection.ts';
import { migrateLatest } from '../../db/migrate-latest.ts';
import type { Durations } from '../../temporal.config.ts';
import { ApiCaller } from '../helpers/http.ts';
import { createScratchDatabase } from '../helpers/scratch-database.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * The operator's `casebook` commands on a database of their own (Casebook has one provider organisation, and
 * the run's shared database has many from other files' fixtures), run in process through the exported entry,
 * with the whole system beside them so an invitation's email arrives and its link is followed through the API.
 */
const INVITATION = 'Your Casebook account: choose your password';
const PASSWORD = 'Vb7#Lm2!Qx9$Rt';
const tokenFrom = (text: string) => /token=([a-z0-9]+)/.exec(text)?.[1] ?? '';

let database: Awaited<ReturnType<typeof createScratchDatabase>>;
let databaseUrl: string;
let sys: TestSystem;

beforeAll(async () => {
  database = await createScratchDatabase('provisioning');
  databaseUrl = database.databaseUrl;
  const db = createDb({ databaseUrl, dataDir: os.tmpdir(), poolMax: 1 });
  await migrateLatest(db);
  await db.destroy();
  sys = await startTestSystem({ databaseUrl });
});

afterAll(async () => {
  await sys?.stop();
  await database?.drop();
});

/** One command, as `casebook <argv>` would run it, with what it printed. */
async function casebook(argv: string[], durations?: Partial<Durations>) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: OperatorDeps = {
    db: sys.db,
    temporal: async () => sys.temporal,
    temporalConfig: { address: inject('temporalAddress'), namespace: inject('temporalNamespace') },
    settings: { taskQueue: sys.taskQueue, ...(durations ? { durations } : {}) },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const code = await runOperatorCommand(argv, deps);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Row counts of everything a command may write: a refused or repeated command leaves them as they were. */
async function counts() {
  const tables = [
    'organisations',
    'email_domains',
    'locations',
    'organisation_form_types',
    'users',
    'memberships',
    'auth_tokens',
    'audit_log',
  ];
  const entries = await Promise.all(
    tables.map(async (t) => [t, Number((await sys.db(t).count({ n: '*' }))[0]!.n)] as const),
  );
  return Object.fromEntries(entries);
}

const audit = (action: string) => sys.db('audit_log').where({ action }).orderBy('id');

/** Follows the invitation's link (not one of `earlier`) as the portal's set-password page does, then signs in. */
async function accept(email: string, username: string, earlier: string[] = []) {
  const mail = await sys.mail.waitFor(
    (m) => m.to.includes(email) && m.subject === INVITATION && !earlier.includes(m.id),
  );
  expect(mail.text).toContain(`Your username is: ${username}`);
  const token = tokenFrom(mail.text);
  const anon = new ApiCaller(sys.app);
  const set = await anon.post('/api/recovery/reset-password', {
    token,
    email,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
  });
  expect(set.status).toBe(204);
  return { token, caller: await ApiCaller.signIn(sys.app, username, PASSWORD) };
}

const PROVIDER = [
  'provider',
  'create',
  '--code',
  'noh',
  '--name',
  'Northgate OH',
  '--email-domain',
  'northgate.example',
];
const CLIENT = [
  'organisation',
  'create',
  '--code',
  'CSM',
  '--name',
  'Civil Service Ministry',
  '--case-number-prefix',
  'CSM/OM/MD',
  '--email-domain',
  'csm.example',
  '--email-domain',
  'csm-hq.example',
  '--location',
  'Leeds',
  '--location',
  'London',
  '--forms',
  'management-referral',
  '--requires-approval',
];
const PROVIDER_ADMIN = [
  'user',
  'invite',
  '--organisation',
  'NOH',
  '--email',
  'Priya.Desk@northgate.example',
  '--first-name',
  'Priya',
  '--surname',
  'Desk',
  '--role',
  'provider_admin',
];
const USER_ADMIN = [
  'user',
  'invite',
  '--organisation',
  'CSM',
  '--email',
  'olivia.top@csm.example',
  '--first-name',
  'Olivia',
  '--surname',
  'Top',
  '--role',
  'user_admin',
  '--role',
  'referrer',
  '--location',
  'Leeds',
];

describe('a first deployment, in the README’s order', () => {
  it('creates the provider organisation, on record, with a verification code', async () => {
    const { code, out } = await casebook(PROVIDER);
    expect(code).toBe(0);
    const org = await sys.db('organisations').where({ code: 'NOH' }).first();
    expect(org).toMatchObject({ name: 'Northgate OH', isProvider: true, caseNumberPrefix: 'NOH' });
    expect(out).toContain(`Verification code: ${org.verificationCode}`);
    expect(await sys.db('email_domains').where({ organisationId: org.id }).pluck('domain')).toEqual([
      'northgate.example',
    ]);
    expect(await audit('operator.provider_created')).toEqual([
      expect.objectContaining({ actorId: null, organisationId: org.id, targetType: 'organisation', targetId: org.id }),
    ]);
  });

  it('invites the first provider admin, whose emailed link sets a password and activates the account', async () => {
    const { code, out } = await casebook(PROVIDER_ADMIN);
    expect(code).toBe(0);
    const user = await sys.db('users').where({ email: 'priya.desk@northgate.example' }).first();
    expect(user).toMatchObject({ username: 'priya.desk', status: 'pending', firstName: 'Priya', activatedAt: null });
    expect(out).toContain('Invited priya.desk');
    const membership = await sys.db('memberships').where({ userId: user.id }).first();
    expect(membership.permissions).toEqual(['provider_admin']);
    expect(await audit('operator.user_invited')).toEqual([
      expect.objectContaining({
        actorId: null,
        targetType: 'user',
        targetId: user.id,
        detail: { roles: 'provider_admin' },
      }),
    ]);
    // Nobody knows the password yet: the account cannot sign in before its person chooses one.
    const early = await new ApiCaller(sys.app).post('/api/auth/login', { username: 'priya.desk', password: PASSWORD });
    expect(early.status).toBeGreaterThanOrEqual(400);

    const { token, caller } = await accept('priya.desk@northgate.example', 'priya.desk');
    expect(await sys.db('users').where({ id: user.id }).first()).toMatchObject({
      status: 'active',
      activatedAt: expect.any(Date),
    });
    const session = await caller.get('/api/auth/session');
    expect(session.body.organisation).toMatchObject({ code: 'NOH', isProvider: true });
    expect(await audit('account.invitation_accepted')).toEqual([
      expect.objectContaining({ actorId: user.id, targetId: user.id }),
    ]);
    // The link worked once.
    const again = await new ApiCaller(sys.app).post('/api/recovery/reset-password', {
      token,
      email: 'priya.desk@northgate.example',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expect(again.status).toBe(400);
  });

  it('invites a clinician with a chosen username', async () => {
    const { code } = await casebook([
      'user',
      'invite',
      '--organisation',
      'NOH',
      '--email',
      'clara@northgate.example',
      '--first-name',
      'Clara',
      '--surname',
      'Clinician',
      '--role',
      'clinician',
      '--username',
      'dr.clara',
    ]);
    expect(code).toBe(0);
    const { caller } = await accept('clara@northgate.example', 'dr.clara');
    const navigation = (await caller.get('/api/auth/session')).body.navigation.map((n: { key: string }) => n.key);
    expect(navigation).toContain('triage');
  });

  it('creates the first client organisation and invites its user admin', async () => {
    const created = await casebook(CLIENT);
    expect(created.code).toBe(0);
    const org = await sys.db('organisations').where({ code: 'CSM' }).first();
    expect(org).toMatchObject({ isProvider: false, requiresApproval: true, caseNumberPrefix: 'CSM/OM/MD' });
    expect(await sys.db('locations').where({ organisationId: org.id }).orderBy('name').pluck('name')).toEqual([
      'Leeds',
      'London',
    ]);

    expect((await casebook(USER_ADMIN)).code).toBe(0);
    const { caller } = await accept('olivia.top@csm.example', 'olivia.top');
    const navigation = (await caller.get('/api/auth/session')).body.navigation.map((n: { key: string }) => n.key);
    expect(navigation).toEqual(expect.arrayContaining(['user-admin', 'make-referral']));
    expect(navigation).not.toContain('triage');
    // Her staff register with the verification code: the portal shows the organisation and her as a manager.
    const registration = await new ApiCaller(sys.app).get(`/api/registration/organisations/${org.verificationCode}`);
    expect(registration.body.name).toBe('Civil Service Ministry');
    expect(registration.body.managers).toHaveLength(1);
  });

  it('shows an organisation with its verification code, and puts the look on record', async () => {
    const { code, out } = await casebook(['organisation', 'show', '--code', 'csm']);
    expect(code).toBe(0);
    const org = await sys.db('organisations').where({ code: 'CSM' }).first();
    expect(out).toContain(`Verification code:   ${org.verificationCode}`);
    expect(out).toContain('Email domains:       csm-hq.example, csm.example');
    expect(await audit('operator.organisation_shown')).toHaveLength(1);
  });
});

describe('running a command again', () => {
  it('with the same options changes nothing and says so', async () => {
    const before = await counts();
    const provider = await casebook(PROVIDER);
    expect(provider).toMatchObject({
      code: 0,
      out: 'Organisation NOH (Northgate OH) already exists as given: nothing changed.',
    });
    // The same organisation given its domains and locations in another order is the same organisation.
    const reordered = [...CLIENT];
    reordered.splice(reordered.indexOf('--location'), 4, '--location', 'London', '--location', 'Leeds');
    expect(await casebook(reordered)).toMatchObject({
      code: 0,
      out: expect.stringContaining('already exists as given'),
    });
    const active = await casebook(PROVIDER_ADMIN);
    expect(active).toMatchObject({
      code: 0,
      out: 'priya.desk is already in NOH as given, and active: nothing changed.',
    });
    expect(await counts()).toEqual(before);
  });

  it('of an invitation not yet accepted keeps the one emailed: no second link, no second email', async () => {
    const invite = [
      'user',
      'invite',
      '--organisation',
      'CSM',
      '--email',
      'mark@csm.example',
      '--first-name',
      'Mark',
      '--surname',
      'Manager',
      '--role',
      'referrer',
      '--role',
      'approver',
      '--manager',
      'olivia.top',
    ];
    expect((await casebook(invite)).code).toBe(0);
    await sys.mail.waitFor((m) => m.to.includes('mark@csm.example'));
    const before = await counts();
    const again = await casebook(invite);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(
      /^mark is already invited to CSM as given, and the invitation emailed to mark@csm\.example works until .*: nothing changed\.$/,
    );
    expect(await counts()).toEqual(before);
    // The repeat reached the invitation's own workflow, which sends each link once.
    const user = await sys.db('users').where({ email: 'mark@csm.example' }).first();
    const [link] = await sys.db('auth_tokens').where({ userId: user.id });
    const run = sys.temporal.workflow.getHandle(`invitation-${link.id}`);
    expect((await run.describe()).status.name).toBe('RUNNING');
    expect(await sys.db('sent_emails').where({ key: `link:${link.id}` })).toHaveLength(1);
    expect(sys.mail.messages().filter((m) => m.to.includes('mark@csm.example'))).toHaveLength(1);
  });

  it('with --resend replaces the invitation: the earlier link stops working, the new one works', async () => {
    const invite = [
      'user',
      'invite',
      '--organisation',
      'CSM',
      '--email',
      'rita@csm.example',
      '--first-name',
      'Rita',
      '--surname',
      'Referrer',
      '--role',
      'referrer',
    ];
    expect((await casebook(invite)).code).toBe(0);
    const first = await sys.mail.waitFor((m) => m.to.includes('rita@csm.example'));
    const resent = await casebook([...invite, '--resend']);
    expect(resent.code).toBe(0);
    const second = await sys.mail.waitFor((m) => m.to.includes('rita@csm.example') && m.id !== first.id);
    const user = await sys.db('users').where({ email: 'rita@csm.example' }).first();
    expect(await audit('operator.invitation_resent')).toEqual([expect.objectContaining({ targetId: user.id })]);
    const set = (mail: { text: string }) =>
      new ApiCaller(sys.app).post('/api/recovery/reset-password', {
        token: tokenFrom(mail.text),
        email: 'rita@csm.example',
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
      });
    expect((await set(first)).status).toBe(400);
    expect((await set(second)).status).toBe(204);
    await ApiCaller.signIn(sys.app, 'rita', PASSWORD);
  });

  it('of an invitation whose link has expired says to resend it, and --resend does', async () => {
    const lifetime = { activationLink: 1_500 };
    const invite = [
      'user',
      'invite',
      '--organisation',
      'CSM',
      '--email',
      'lee@csm.example',
      '--first-name',
      'Lee',
      '--surname',
      'Late',
      '--role',
      'referrer',
    ];
    expect((await casebook(invite, lifetime)).code).toBe(0);
    const first = await sys.mail.waitFor((m) => m.to.includes('lee@csm.example'));
    const user = await sys.db('users').where({ email: 'lee@csm.example' }).first();
    // The invitation's workflow withdraws the link when its lifetime ends.
    while ((await sys.db('auth_tokens').where({ userId: user.id }).whereNotNull('invalidatedAt')).length === 0) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const before = await counts();
    const again = await casebook(invite);
    expect(again.code).toBe(1);
    expect(again.err).toContain('run the same command with --resend');
    expect(await counts()).toEqual(before);
    expect((await casebook([...invite, '--resend'])).code).toBe(0);
    await accept('lee@csm.example', 'lee', [first.id]);
  });

  it('a second organisation for an existing account adds a membership (shared services)', async () => {
    expect(
      (
        await casebook([
          'organisation',
          'create',
          '--code',
          'BBC',
          '--name',
          'Bridgeford Borough Council',
          '--case-number-prefix',
          'BBC/OH',
          '--email-domain',
          'csm.example',
          '--location',
          'Town Hall',
        ])
      ).code,
    ).toBe(0);
    const added = await casebook([
      'user',
      'invite',
      '--organisation',
      'BBC',
      '--email',
      'olivia.top@csm.example',
      '--first-name',
      'Olivia',
      '--surname',
      'Top',
      '--role',
      'user_admin',
    ]);
    expect(added).toMatchObject({
      code: 0,
      out: expect.stringContaining('olivia.top already has a Casebook account: added to BBC'),
    });
    const user = await sys.db('users').where({ username: 'olivia.top' }).first();
    expect(await sys.db('memberships').where({ userId: user.id })).toHaveLength(2);
    expect(await audit('operator.membership_added')).toEqual([
      expect.objectContaining({ detail: { user: user.id, roles: 'user_admin' } }),
    ]);
  });
});

describe('refusals: exit 1, one plain sentence, nothing changed', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'the same code with another name',
      [...PROVIDER.slice(0, 5), 'Northgate Health', ...PROVIDER.slice(6)],
      /^Organisation NOH already exists, and differs: name: "Northgate OH" \(asked for "Northgate Health"\)\./,
    ],
    [
      'a second provider organisation',
      ['provider', 'create', '--code', 'OTHER', '--name', 'Other OH', '--email-domain', 'other.example'],
      /^Casebook has one provider organisation and it exists already: NOH \(Northgate OH\)\. Nothing changed\.$/,
    ],
    [
      'a client organisation under the provider’s code',
      [...CLIENT.slice(0, 3), 'NOH', ...CLIENT.slice(4)],
      /^Organisation NOH already exists, and differs: name: .*provider: yes \(asked for no\)/,
    ],
    [
      'a form that does not exist',
      [...CLIENT.slice(0, 3), 'NEW', ...CLIENT.slice(4, -3), '--forms', 'fitness'],
      /^--forms: no form fitness\. The forms are: ihr1, management-referral\.$/,
    ],
    [
      'a client organisation without a location',
      [
        'organisation',
        'create',
        '--code',
        'NEW',
        '--name',
        'New',
        '--case-number-prefix',
        'NEW',
        '--email-domain',
        'new.example',
      ],
      /^--location is required/,
    ],
    [
      'an email outside the organisation’s domains',
      [...USER_ADMIN.slice(0, 5), 'olivia@gmail.com', ...USER_ADMIN.slice(6)],
      /^--email must be at an email domain CSM has registered \(csm-hq\.example, csm\.example\)/,
    ],
    [
      'a provider role outside the provider',
      [...USER_ADMIN.slice(0, 5), 'new.clinician@csm.example', ...USER_ADMIN.slice(6, 10), '--role', 'clinician'],
      /^clinician is a role of the provider's staff only: CSM is not the provider organisation\.$/,
    ],
    [
      'an unknown role',
      [...USER_ADMIN.slice(0, 5), 'new@csm.example', ...USER_ADMIN.slice(6, 10), '--role', 'superuser'],
      /^--role superuser: not a role\./,
    ],
    [
      'an unknown organisation',
      [
        'user',
        'invite',
        '--organisation',
        'XYZ',
        '--email',
        'a@xyz.example',
        '--first-name',
        'A',
        '--surname',
        'B',
        '--role',
        'referrer',
      ],
      /^No organisation has the code XYZ: create it first/,
    ],
    [
      'a manager who is not a member',
      [...USER_ADMIN.slice(0, 5), 'new@csm.example', ...USER_ADMIN.slice(6), '--manager', 'priya.desk'],
      /^--manager: CSM has no active member with the username priya\.desk\.$/,
    ],
    [
      'a location the organisation does not have',
      [...USER_ADMIN.slice(0, -1), 'Paris'],
      /^--location: CSM's locations are Leeds, London\.$/,
    ],
    [
      'other roles for someone already in the organisation',
      [...USER_ADMIN.slice(0, 10), '--role', 'mi_viewer', '--location', 'Leeds'],
      new RegExp(
        '^olivia\\.top is already in CSM, and differs: roles: user_admin, referrer \\(asked for mi_viewer\\)\\. ' +
          'This command does not change an existing membership; nothing changed\\.$',
      ),
    ],
    [
      'another name for an existing email',
      [...USER_ADMIN.slice(0, 7), 'Olive', ...USER_ADMIN.slice(8)],
      /^olivia\.top@csm\.example already has an account, under another first name or surname/,
    ],
    [
      'a username that is taken',
      [
        'user',
        'invite',
        '--organisation',
        'CSM',
        '--email',
        'other.person@csm.example',
        '--first-name',
        'Other',
        '--surname',
        'Person',
        '--role',
        'referrer',
        '--username',
        'Priya.Desk',
      ],
      /^The username Priya\.Desk is taken/,
    ],
    [
      'an option the command does not have',
      [...PROVIDER, '--colour', 'blue'],
      /^Unknown option '--colour'\.\nUsage: casebook provider create/,
    ],
  ];
  for (const [what, argv, message] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await counts();
      const { code, out, err } = await casebook(argv);
      expect({ code, out }).toEqual({ code: 1, out: '' });
      expect(err).toMatch(message);
      expect(err).not.toMatch(/^\s+at /m);
      expect(await counts()).toEqual(before);
    });
  }
});

describe('the casebook entry', () => {
  /** bin/casebook.ts as `npm run casebook --` runs it, with the environment of the other processes. */
  function run(argv: string[], configured = true): Promise<{ code: number | null; output: string }> {
    const env = configured
      ? {
          PATH: process.env.PATH,
          DATABASE_URL: databaseUrl,
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_NAMESPACE: inject('temporalNamespace'),
        }
      : { PATH: process.env.PATH, NODE_ENV: 'production' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/casebook.ts', ...argv], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
  }

  it('prints what it did and exits 0, or says why not and exits 1 without a stack', async () => {
    const [shown, refused] = await Promise.all([
      run(['organisation', 'show', '--code', 'NOH']),
      run(['organisation', 'create', '--code', 'NOH']),
    ]);
    expect(shown.code).toBe(0);
    expect(shown.output).toMatch(/^Organisation NOH \(id [0-9a-f-]{36}\)\n {2}Name: {16}Northgate OH\n/);
    expect(refused).toEqual({ code: 1, output: '--name is required.\n' });
  });

  it('answers --help before reading any configuration, so an operator can read it first', async () => {
    const [all, one, unconfigured] = await Promise.all([
      run(['--help'], false),
      run(['user', 'invite', '--help'], false),
      run(['organisation', 'show', '--code', 'NOH'], false),
    ]);
    expect(all.code).toBe(0);
    expect(all.output).toMatch(/^Usage: casebook <command>/);
    expect(all.output).toContain('provider create');
    expect(one).toEqual({ code: 0, output: expect.stringMatching(/^Usage: casebook user invite --organisation CODE/) });
    // Anything but help still needs the environment, and lists what is missing.
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.output).toMatch(/DATABASE_URL: required/);
  });
});
