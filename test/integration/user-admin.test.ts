import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import type { Permission } from '../../domain/permissions.ts';
import { hashPassword } from '../../services/passwords.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';

/** User Admin and provider administration from the outside: who may, what changes, what is refused, what is audited. */
const suite = apiSuite();
const { as } = suite;

let counter = 0;
let passwordHash: Promise<string> | undefined;
async function person(
  organisationId: string,
  domain: string,
  permissions: Permission[] = ['referrer'],
  extra: { managerId?: string; status?: 'active' | 'pending' | 'disabled'; surname?: string } = {},
) {
  passwordHash ??= hashPassword(PASSWORD);
  const username = `adm${++counter}-${suite.world.tag}`;
  const email = `${username}@${domain}`;
  const id = await createUser(
    suite.sys.db,
    {
      username,
      email,
      passwordHash: await passwordHash,
      firstName: `First${counter}`,
      surname: extra.surname ?? `Admin${suite.world.tag}`,
      jobTitle: 'Analyst',
      status: extra.status ?? 'active',
    },
    [{ organisationId, permissions, managerId: extra.managerId ?? null }],
  );
  return { id, username, email };
}
const clientDomain = () => `client-${suite.world.tag}.test`;
const audits = (targetId: string) =>
  suite.sys.db('audit_log').where({ targetId }).orderBy('id').pluck('action') as Promise<string[]>;
const providerAdmin = async () =>
  person(suite.world.provider.id, `provider-${suite.world.tag}.test`, ['provider_admin']);

describe('who may use User Admin and provider administration', () => {
  const uuid = '00000000-0000-4000-8000-000000000000';
  const userAdminRoutes: [string, string][] = [
    ['GET', '/api/users'],
    ['GET', '/api/users/export'],
    ['GET', `/api/users/${uuid}`],
    ['PUT', `/api/users/${uuid}/access`],
    ['POST', `/api/users/${uuid}/disable`],
    ['POST', `/api/users/${uuid}/enable`],
    ['POST', `/api/users/${uuid}/unlock`],
  ];
  const providerRoutes: [string, string][] = [
    ['GET', '/api/admin/organisations'],
    ['POST', '/api/admin/organisations'],
    ['GET', '/api/admin/form-types'],
    ['GET', `/api/admin/organisations/${uuid}/packs`],
    ['GET', `/api/admin/organisations/${uuid}`],
    ['PUT', `/api/admin/organisations/${uuid}`],
    ['POST', `/api/admin/organisations/${uuid}/verification-code`],
    ['GET', `/api/admin/organisations/${uuid}/users`],
    ['PUT', `/api/admin/users/${uuid}/email`],
  ];
  const body = (method: string, path: string) =>
    method === 'PUT' && path.endsWith('/access') ? { permissions: [], managerId: null } : {};

  it('refuses every admin route with 403 to users without the permission', async () => {
    const { world } = suite;
    for (const who of [world.referrer, world.manager, world.clinician, world.outsider]) {
      const caller = await as(who);
      for (const [method, path] of [...userAdminRoutes, ...providerRoutes]) {
        const res = await caller.request(method, path, method === 'GET' ? undefined : body(method, path));
        expect([403], `${who.username} ${method} ${path}`).toContain(res.status);
        expect(res.body.error.message).toBe('You do not have permission to do this.');
      }
    }
    // The client's user admin is not the provider's admin.
    const top = await as(world.top);
    for (const [method, path] of providerRoutes) {
      expect((await top.request(method, path, method === 'GET' ? undefined : {})).status, path).toBe(403);
    }
  });

  it('gives 404 for a user outside the admin’s own organisation', async () => {
    const { world } = suite;
    const top = await as(world.top);
    for (const [method, path] of userAdminRoutes.filter(([, p]) => p.includes(uuid))) {
      const res = await top.request(
        method,
        path.replace(uuid, world.outsider.id),
        method === 'GET' ? undefined : body(method, path),
      );
      expect(res.status, path).toBe(404);
    }
    expect((await top.get(`/api/users/${world.clinician.id}`)).status).toBe(404);
  });
});

describe('01 All Users', () => {
  it('lists the organisation’s users with their state, filters by state, searches and pages by name', async () => {
    const { world, sys } = suite;
    const surname = `Listed${world.tag}`;
    const active = await person(world.client.id, clientDomain(), ['referrer'], { surname });
    const pending = await person(world.client.id, clientDomain(), ['referrer'], { surname, status: 'pending' });
    const disabled = await person(world.client.id, clientDomain(), ['referrer'], { surname, status: 'disabled' });
    const locked = await person(world.client.id, clientDomain(), ['referrer'], { surname });
    await sys.db('users').where({ id: locked.id }).update({ lockedAt: new Date() });
    await person(world.other.id, `other-${world.tag}.test`, ['referrer'], { surname });
    const top = await as(world.top);

    const all = await top.get(`/api/users?q=${surname}&limit=2`);
    expect(all.status).toBe(200);
    expect(all.body.users).toHaveLength(2);
    const next = await top.get(`/api/users?q=${surname}&limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body.nextCursor).toBeNull();
    const states = Object.fromEntries(
      [...all.body.users, ...next.body.users].map((u: { id: string; state: string }) => [u.id, u.state]),
    );
    expect(states).toEqual({
      [active.id]: 'active',
      [pending.id]: 'pending',
      [disabled.id]: 'disabled',
      [locked.id]: 'locked',
    });
    for (const [state, id] of [
      ['active', active.id],
      ['pending', pending.id],
      ['disabled', disabled.id],
      ['locked', locked.id],
    ] as const) {
      const res = await top.get(`/api/users?q=${surname}&state=${state}`);
      expect(res.body.users.map((u: { id: string }) => u.id)).toEqual([id]);
    }
    const byUsername = await top.get(`/api/users?q=${surname}&sort=username&direction=desc`);
    const usernames = byUsername.body.users.map((u: { username: string }) => u.username);
    expect(usernames).toEqual([...usernames].sort().reverse());
  });

  it('exports every user with state and last sign-in as a real Excel date, header frozen', async () => {
    const { world, sys } = suite;
    const signedIn = await person(world.client.id, clientDomain());
    await sys
      .db('users')
      .where({ id: signedIn.id })
      .update({ lastLoginAt: new Date('2026-07-01T08:30:00Z') });
    const top = await as(world.top);
    const res = await top.raw('/api/users/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Users')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Full Name',
      'Username',
      'Email',
      'Job Title',
      'Account State',
      'Last Sign-in',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(row.values as unknown[]);
    });
    const mine = rows.find((r) => r[2] === signedIn.username)!;
    expect(mine[5]).toBe('Active');
    // 09:30 in London (BST) on 1 July, as Excel shows it.
    expect(mine[6]).toEqual(new Date(Date.UTC(2026, 6, 1, 9, 30)));
    expect(sheet.getCell(`F${rows.indexOf(mine) + 2}`).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(rows.map((r) => r[2])).not.toContain(world.outsider.username);
    expect(rows.map((r) => r[2])).toContain(world.top.username);
    expect(await audits(world.client.id)).toContain('users.exported');
  });
});

describe('permissions and manager', () => {
  it('grants a permission that takes effect on the user’s very next request, and audits it', async () => {
    const { world } = suite;
    const user = await person(world.client.id, clientDomain(), ['referrer'], { managerId: world.top.id });
    const caller = await as(user);
    const top = await as(world.top);
    expect((await caller.get('/api/users')).status).toBe(403);
    const res = await top.put(`/api/users/${user.id}/access`, {
      permissions: ['referrer', 'user_admin', 'mi_viewer', 'questionnaire_requester'],
      managerId: world.top.id,
    });
    expect(res.status).toBe(204);
    // The same session, no sign-in again.
    expect((await caller.get('/api/users')).status).toBe(200);
    const detail = await top.get(`/api/users/${user.id}`);
    expect(detail.body.permissions).toEqual(['referrer', 'user_admin', 'mi_viewer', 'questionnaire_requester']);
    await top.put(`/api/users/${user.id}/access`, { permissions: ['referrer'], managerId: world.top.id });
    expect((await caller.get('/api/users')).status).toBe(403);
    const entries = await suite.sys
      .db('audit_log')
      .where({ targetId: user.id, action: 'user.permissions_changed' })
      .orderBy('id')
      .select('actorId', 'detail');
    expect(entries).toEqual([
      { actorId: world.top.id, detail: { added: 'user_admin,mi_viewer,questionnaire_requester', removed: '' } },
      { actorId: world.top.id, detail: { added: '', removed: 'user_admin,mi_viewer,questionnaire_requester' } },
    ]);
  });

  it('refuses provider roles in a client organisation', async () => {
    const { world } = suite;
    const res = await (await as(world.top)).put(`/api/users/${world.peer.id}/access`, {
      permissions: ['referrer', 'clinician'],
      managerId: world.top.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Clinician can only be given inside the provider's organisation.");
  });

  it('sets a manager, but never one below the user (no cycles), nor the user, nor an outsider', async () => {
    const { world, sys } = suite;
    const boss = await person(world.client.id, clientDomain(), ['referrer'], { managerId: world.top.id });
    const middle = await person(world.client.id, clientDomain(), ['referrer'], { managerId: boss.id });
    const bottom = await person(world.client.id, clientDomain(), ['referrer'], { managerId: middle.id });
    const top = await as(world.top);
    const set = (id: string, managerId: string | null) =>
      top.put(`/api/users/${id}/access`, { permissions: ['referrer'], managerId });

    const choices = (await top.get(`/api/users/${boss.id}`)).body.managerChoices.map((c: { id: string }) => c.id);
    expect(choices).toContain(world.top.id);
    expect(choices).not.toContain(boss.id);
    expect(choices).not.toContain(middle.id);
    expect(choices).not.toContain(bottom.id);

    const cycle = await set(boss.id, bottom.id);
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.message).toMatch(/reports to .* so cannot be .*'s manager/);
    expect((await set(boss.id, boss.id)).status).toBe(400);
    expect((await set(boss.id, world.outsider.id)).status).toBe(400);
    expect((await sys.db('memberships').where({ userId: boss.id }).first()).managerId).toBe(world.top.id);

    expect((await set(bottom.id, boss.id)).status).toBe(204);
    expect((await sys.db('memberships').where({ userId: bottom.id }).first()).managerId).toBe(boss.id);
    const [entry] = await sys.db('audit_log').where({ targetId: bottom.id, action: 'user.manager_changed' });
    expect(entry.detail).toEqual({ from: middle.id, to: boss.id });
  });

  it('never removes the last user admin of an organisation, nor disables them', async () => {
    const { world, sys } = suite;
    const org = await createOrganisation(sys.db, {
      code: `L${world.tag}`,
      name: `Lone ${world.tag}`,
      verificationCode: `lone-${world.tag}`,
      caseNumberPrefix: `LONE/${world.tag}`,
      emailDomains: [`lone-${world.tag}.test`],
      locations: ['Leeds'],
    });
    const admin = await person(org.id, `lone-${world.tag}.test`, ['referrer', 'user_admin']);
    const second = await person(org.id, `lone-${world.tag}.test`, ['referrer'], { managerId: admin.id });
    const caller = await as(admin);

    const demote = await caller.put(`/api/users/${admin.id}/access`, { permissions: ['referrer'], managerId: null });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/is the only user admin of this organisation/);
    expect((await caller.post(`/api/users/${admin.id}/disable`)).status).toBe(409);
    expect((await sys.db('memberships').where({ userId: admin.id }).first()).permissions).toContain('user_admin');

    // With a second admin, the first may step down; the second then cannot.
    const promote = await caller.put(`/api/users/${second.id}/access`, {
      permissions: ['referrer', 'user_admin'],
      managerId: admin.id,
    });
    expect(promote.status).toBe(204);
    expect(
      (await caller.put(`/api/users/${admin.id}/access`, { permissions: ['referrer'], managerId: null })).status,
    ).toBe(204);
    const other = await as(second);
    expect(
      (await other.put(`/api/users/${second.id}/access`, { permissions: ['referrer'], managerId: admin.id })).status,
    ).toBe(409);
    // A disabled admin does not count: the last active one stays.
    await other.put(`/api/users/${admin.id}/access`, { permissions: ['referrer', 'user_admin'], managerId: null });
    expect((await other.post(`/api/users/${admin.id}/disable`)).status).toBe(204);
    const last = await other.put(`/api/users/${second.id}/access`, { permissions: ['referrer'], managerId: admin.id });
    expect(last.status).toBe(409);
  });
});

describe('enable and disable', () => {
  it('disables an account, ends its sessions at once, and enables it again; both audited', async () => {
    const { world, sys } = suite;
    const user = await person(world.client.id, clientDomain(), ['referrer'], { managerId: world.top.id });
    const session = await as(user);
    expect((await session.get('/api/referrals?tab=open')).status).toBe(200);
    const top = await as(world.top);
    expect((await top.post(`/api/users/${user.id}/disable`)).status).toBe(204);
    expect((await sys.db('users').where({ id: user.id }).first()).status).toBe('disabled');
    expect(await sys.db('sessions').where({ userId: user.id })).toEqual([]);
    expect((await session.get('/api/referrals?tab=open')).status).toBe(401);
    const signIn = await new ApiCaller(sys.app).post('/api/auth/login', {
      username: user.username,
      password: PASSWORD,
    });
    expect(signIn.status).not.toBe(200);
    expect((await top.post(`/api/users/${user.id}/disable`)).status).toBe(409);

    expect((await top.post(`/api/users/${user.id}/enable`)).status).toBe(204);
    expect((await sys.db('users').where({ id: user.id }).first()).status).toBe('active');
    expect((await top.post(`/api/users/${user.id}/enable`)).status).toBe(409);
    await as(user);
    expect(await audits(user.id)).toEqual(['account.disabled', 'account.enabled']);
  });

  it('keeps an account awaiting activation so when it is enabled again', async () => {
    const { world, sys } = suite;
    const user = await person(world.client.id, clientDomain(), ['referrer'], { status: 'pending' });
    const top = await as(world.top);
    await top.post(`/api/users/${user.id}/disable`);
    await top.post(`/api/users/${user.id}/enable`);
    expect((await sys.db('users').where({ id: user.id }).first()).status).toBe('pending');
  });

  it('refuses to let an admin disable their own account', async () => {
    const res = await (await as(suite.world.top)).post(`/api/users/${suite.world.top.id}/disable`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('You cannot disable your own account. Ask another user admin to do it.');
  });
});

describe('02 Locked Users', () => {
  it('unlocks and emails the user, plain text and HTML', async () => {
    const { world, sys } = suite;
    const user = await person(world.client.id, clientDomain());
    await sys.db('users').where({ id: user.id }).update({ lockedAt: new Date(), failedLoginCount: 3 });
    expect((await (await as(world.top)).post(`/api/users/${user.id}/unlock`)).status).toBe(204);
    const row = await sys.db('users').where({ id: user.id }).first();
    expect(row.lockedAt).toBeNull();
    const mail = await sys.mail.waitFor((m) => m.to.includes(user.email));
    expect(mail.subject).toBe('Your Casebook account has been unlocked');
    expect(mail.text).toContain('You can sign in again.');
    expect(mail.html).toContain('You can sign in again.');
    expect(await audits(user.id)).toEqual(['account.unlocked']);
  });
});

describe('provider administration', () => {
  it('lists and edits an organisation: settings, lists, forms and service levels, audited', async () => {
    const { world, sys } = suite;
    const admin = await as(await providerAdmin());
    const list = await admin.get('/api/admin/organisations?limit=200');
    expect(list.status).toBe(200);
    const org = await createOrganisation(sys.db, {
      code: `E${world.tag}`,
      name: `Editable ${world.tag}`,
      verificationCode: `edit-${world.tag}`,
      caseNumberPrefix: `ED/${world.tag}`,
      emailDomains: [`edit-${world.tag}.test`],
      locations: ['Leeds', 'York'],
      formKeys: ['management-referral'],
    });
    const detail = await admin.get(`/api/admin/organisations/${org.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      verificationCode: `edit-${world.tag}`,
      locations: ['Leeds', 'York'],
      slaTriageDays: 2,
      slaFirstAppointmentDays: 10,
      slaAdviceLetterDays: 15,
    });
    const { id: _, code: _c, isProvider: _p, verificationCode: _v, formTypes: _f, ...settings } = detail.body;
    const user = await person(org.id, `edit-${world.tag}.test`);
    await sys.db('memberships').where({ userId: user.id }).update({ locationId: org.locations.York });

    const removingUsed = await admin.put(`/api/admin/organisations/${org.id}`, { ...settings, locations: ['Leeds'] });
    expect(removingUsed.status).toBe(409);
    expect(removingUsed.body.error.message).toBe(
      'York cannot be removed from locations: users or cases still refer to it.',
    );

    const saved = await admin.put(`/api/admin/organisations/${org.id}`, {
      ...settings,
      name: `Renamed ${world.tag}`,
      caseNumberPrefix: `RN/${world.tag}`,
      requiresApproval: true,
      requiresTwoFactor: true,
      slaTriageDays: 3,
      slaFirstAppointmentDays: 7,
      slaAdviceLetterDays: 21,
      emailDomains: [`edit-${world.tag}.test`, `@New-${world.tag}.TEST`],
      locations: ['York', 'Hull'],
      divisions: ['Operations'],
      departments: ['Claims', 'Finance'],
      formKeys: ['management-referral', 'ihr1'],
      questionnaireTypeKeys: ['night-worker', 'driving'],
    });
    expect(saved.status).toBe(204);
    const after = (await admin.get(`/api/admin/organisations/${org.id}`)).body;
    expect(after).toMatchObject({
      name: `Renamed ${world.tag}`,
      caseNumberPrefix: `RN/${world.tag}`,
      requiresApproval: true,
      requiresTwoFactor: true,
      slaTriageDays: 3,
      slaFirstAppointmentDays: 7,
      slaAdviceLetterDays: 21,
      emailDomains: [`edit-${world.tag}.test`, `new-${world.tag}.test`],
      locations: ['Hull', 'York'],
      divisions: ['Operations'],
      departments: ['Claims', 'Finance'],
      formKeys: ['ihr1', 'management-referral'],
      questionnaireTypeKeys: ['driving', 'night-worker'],
    });
    const [entry] = await sys.db('audit_log').where({ targetId: org.id, action: 'organisation.updated' });
    expect(entry.detail.fields).toContain('slaTriageDays');

    const bad = await admin.put(`/api/admin/organisations/${org.id}`, {
      ...settings,
      slaTriageDays: 0,
      emailDomains: ['not a domain'],
    });
    expect(bad.status).toBe(400);
  });

  it('creates a client organisation: every field checked, its code unique, a fresh verification code, audited', async () => {
    const { world, sys } = suite;
    const admin = await as(await providerAdmin());
    const empty = await admin.post('/api/admin/organisations', {
      name: '',
      code: '',
      caseNumberPrefix: '',
      requiresApproval: false,
      requiresTwoFactor: false,
      slaTriageDays: 'ten',
      slaFirstAppointmentDays: 10,
      slaAdviceLetterDays: 20,
      emailDomains: [],
      locations: [],
      divisions: [],
      departments: [],
      formKeys: [],
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toMatchObject({
      name: 'Enter the organisation name',
      code: expect.stringMatching(/^Enter a code of 2 to 20 capital letters/),
      caseNumberPrefix: expect.stringMatching(/^Enter up to five groups/),
      slaTriageDays: 'Enter the days to triage as a whole number',
      emailDomains: expect.stringMatching(/^Enter at least one email domain/),
    });
    const settings = {
      name: `Created ${world.tag}`,
      code: `k${world.tag}`,
      caseNumberPrefix: `CR/${world.tag}`,
      requiresApproval: true,
      requiresTwoFactor: false,
      slaTriageDays: 3,
      slaFirstAppointmentDays: 9,
      slaAdviceLetterDays: 25,
      emailDomains: [`created-${world.tag}.test`],
      locations: ['Hull'],
      divisions: [],
      departments: ['Claims'],
      formKeys: ['management-referral'],
      questionnaireTypeKeys: ['driving', 'night-worker'],
    };
    expect((await admin.post('/api/admin/organisations', { ...settings, locations: [] })).status).toBe(400);
    const unknownType = await admin.post('/api/admin/organisations', { ...settings, questionnaireTypeKeys: ['nope'] });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.fields).toEqual({
      questionnaireTypeKeys: 'Choose questionnaire types from the list',
    });
    const created = await admin.post('/api/admin/organisations', settings);
    expect(created.status).toBe(201);
    const detail = (await admin.get(`/api/admin/organisations/${created.body.id}`)).body;
    expect(detail).toMatchObject({ ...settings, code: `K${world.tag}`.toUpperCase(), isProvider: false });
    expect(detail.verificationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await audits(created.body.id)).toEqual(['organisation.created', 'organisation.viewed']);
    const again = await admin.post('/api/admin/organisations', settings);
    expect(again.status).toBe(409);
    expect(again.body.error.fields.code).toBe(
      `Another organisation already has the code K${world.tag.toUpperCase()}. Choose another.`,
    );
    expect(await sys.db('organisations').where({ name: settings.name }).pluck('id')).toHaveLength(1);
  });

  it('rotates the verification code: the old one stops working at once', async () => {
    const { world, sys } = suite;
    const admin = await as(await providerAdmin());
    const before = (await sys.db('organisations').where({ id: world.other.id }).first()).verificationCode;
    const res = await admin.post(`/api/admin/organisations/${world.other.id}/verification-code`);
    expect(res.status).toBe(200);
    expect(res.body.verificationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const anon = new ApiCaller(sys.app);
    expect((await anon.get(`/api/registration/organisations/${before}`)).status).toBe(404);
    expect((await anon.get(`/api/registration/organisations/${res.body.verificationCode}`)).status).toBe(200);
    expect(await audits(world.other.id)).toContain('organisation.verification_code_rotated');
  });

  it('changes a registered email only to the organisation’s domains, and tells the user at both addresses', async () => {
    const { world, sys } = suite;
    const admin = await as(await providerAdmin());
    const user = await person(world.client.id, clientDomain());
    const elsewhere = await admin.put(`/api/admin/users/${user.id}/email`, { email: `${user.username}@gmail.com` });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.message).toMatch(/must be at a domain registered by the user's organisation/);
    const taken = await admin.put(`/api/admin/users/${user.id}/email`, { email: world.peer.email });
    expect(taken.status).toBe(409);

    const newEmail = `renamed-${user.username}@${clientDomain()}`;
    expect((await admin.put(`/api/admin/users/${user.id}/email`, { email: newEmail })).status).toBe(204);
    expect((await sys.db('users').where({ id: user.id }).first()).email).toBe(newEmail);
    const toOld = await sys.mail.waitFor((m) => m.to.includes(user.email));
    const toNew = await sys.mail.waitFor((m) => m.to.includes(newEmail));
    for (const mail of [toOld, toNew]) {
      expect(mail.subject).toBe('The email address of your Casebook account has changed');
      expect(mail.text).toContain(`from ${user.email} to ${newEmail}`);
      expect(mail.html).toContain(newEmail);
    }
    const [entry] = await sys.db('audit_log').where({ targetId: user.id, action: 'account.email_changed' });
    expect(JSON.stringify(entry.detail)).not.toContain('@');
    // The user admin of the organisation cannot change it.
    expect((await (await as(world.top)).put(`/api/admin/users/${user.id}/email`, { email: newEmail })).status).toBe(
      403,
    );
  });

  it('unlocks any organisation’s account', async () => {
    const { world, sys } = suite;
    const admin = await as(await providerAdmin());
    const user = await person(world.other.id, `other-${world.tag}.test`);
    await sys.db('users').where({ id: user.id }).update({ lockedAt: new Date() });
    const found = await admin.get(`/api/admin/organisations/${world.other.id}/users?state=locked`);
    expect(found.body.users.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await admin.post(`/api/users/${user.id}/unlock`)).status).toBe(204);
    expect((await sys.db('users').where({ id: user.id }).first()).lockedAt).toBeNull();
  });
});
