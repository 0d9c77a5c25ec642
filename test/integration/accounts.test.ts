import { randomBytes, randomUUID } from 'node:crypto';
import { generateTOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import { LOCKED_MESSAGE } from '../../api/accounts/sign-in.ts';
import { SESSION_COOKIE } from '../../api/middleware/session.ts';
import { isPublicRoute, publicRoutes } from '../../api/public-routes.ts';
import { commonWords } from '../../domain/common-words.ts';
import {
  checkPassword,
  PASSWORD_RULES,
  passwordProblem,
  type PasswordCheck,
  type PasswordRuleKey,
} from '../../domain/password-policy.ts';
import { hashPassword } from '../../services/passwords.ts';
import { solveBotCheck } from '../helpers/bot-check.ts';
import { createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

const NEW_PASSWORD = 'Wm4#Tz9!Hq2$Bx';
const LINK_MS = 4_000;

let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
const anon = () => new ApiCaller(sys.app);
const as = (username: string, password = PASSWORD) => ApiCaller.signIn(sys.app, username, password);
const tokenFrom = (text: string) => /token=([a-z0-9]+)/.exec(text)?.[1] ?? '';

beforeAll(async () => {
  sys = await startTestSystem({ durations: { passwordResetLink: LINK_MS, activationLink: LINK_MS } });
  world = await createWorld(sys.db);
});
afterAll(() => sys?.stop());

async function registration(overrides: Record<string, string> = {}) {
  const org = (await anon().get(`/api/registration/organisations/client-${world.tag}`)).body;
  const username = `newbie${Math.floor(Math.random() * 1e9)}`;
  return {
    verificationCode: `client-${world.tag}`,
    managerId: org.managers[0].id,
    locationId: org.locations[0].id,
    title: 'Dr',
    firstName: 'Nia',
    surname: 'Newbie',
    workAddress: '3 Office Park, Leeds',
    workPostcode: 'LS3 3CC',
    jobTitle: 'Team Leader',
    telephone: '0113 496 0999',
    email: `${username}@client-${world.tag}.test`,
    emailConfirmation: `${username}@client-${world.tag}.test`,
    username,
    password: NEW_PASSWORD,
    passwordConfirmation: NEW_PASSWORD,
    botCheck: await solveBotCheck(sys.app),
    ...overrides,
  };
}

describe('registration', () => {
  it('says "Invalid Verification Code" for a wrong code', async () => {
    const res = await anon().get('/api/registration/organisations/not-a-code');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Invalid Verification Code');
  });

  it('shows the company name, its managers and locations for a right code', async () => {
    const res = await anon().get(`/api/registration/organisations/client-${world.tag}`);
    expect(res.body.name).toBe(`Client ${world.tag}`);
    expect(res.body.managers.map((m: { name: string }) => m.name)).toContain(`Manager Tester${world.tag}`);
    expect(res.body.locations.map((l: { name: string }) => l.name)).toEqual(['Leeds', 'York']);
  });

  it('refuses an email outside the organisation’s registered domains without naming other organisations’ domains', async () => {
    const res = await anon().post(
      '/api/registration',
      await registration({ email: 'nia@gmail.com', emailConfirmation: 'nia@gmail.com' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields.email).toMatch(/work email address/);
    expect(res.body.error.fields.email).not.toMatch(/other-/);
  });

  it.each([
    ['digit', 'Abcdefgh!kXq'],
    ['upper', 'xq7!mv9#kp2$'],
    ['lower', 'XQ7!MV9#KP2$'],
    ['symbol', 'Xq7mVb9kPq2z'],
    ['noTripleRepeat', 'Xq7#VVVb9kPz'],
    ['minLength', 'Xq7!Vb9'],
    ['noCommonWords', 'Xq7!5unsh1n3'],
    ['matches', null],
  ] as const)('applies the password rule %s, and only that rule is broken', async (rule, password) => {
    const body = await registration();
    if (password !== null) Object.assign(body, { password, passwordConfirmation: password });
    else Object.assign(body, { passwordConfirmation: `${body.password}z` });
    expect(brokenRules(body.password, body.passwordConfirmation, body.username)).toEqual([rule]);
    const res = await anon().post('/api/registration', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ password: problemWith(rule) });
  });

  it('refuses a password that includes the username, and accepts the same password without it', async () => {
    const { username, password, withoutUsername } = usernameInPassword();
    const refused = await anon().post(
      '/api/registration',
      await registration({ username, password, passwordConfirmation: password }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ password: 'The password must not include your username' });
    expect(await sys.db('users').whereRaw('lower(username) = lower(?)', [username]).first()).toBeUndefined();
    const accepted = await anon().post(
      '/api/registration',
      await registration({ username, password: withoutUsername, passwordConfirmation: withoutUsername }),
    );
    expect(accepted.status).toBe(202);
  });

  it('needs the bot check to be solved', async () => {
    const res = await anon().post('/api/registration', await registration({ botCheck: '' }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.botCheck).toMatch(/not a robot/);
  });

  it('creates an account that signs in only after the emailed activation link, which works once', async () => {
    const body = await registration();
    expect((await anon().post('/api/registration', body)).status).toBe(202);
    const refused = await anon().post('/api/auth/login', { username: body.username, password: body.password });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/activation email/);
    const mail = await sys.mail.waitFor(
      (m) => m.to.includes(body.email) && m.subject === 'Activate your Casebook account',
    );
    const token = tokenFrom(mail.text);
    expect(mail.text).toContain(`${sys.publicUrl}/activate?token=`);
    expect((await anon().post('/api/registration/activate', { token })).status).toBe(204);
    expect((await anon().post('/api/registration/activate', { token })).status).toBe(400);
    await as(body.username, body.password);
  });

  it('gives the same answer for an email that already has an account, and creates nothing', async () => {
    const body = await registration({ email: world.referrer.email, emailConfirmation: world.referrer.email });
    const res = await anon().post('/api/registration', body);
    expect(res.status).toBe(202);
    expect(await sys.db('users').whereRaw('lower(username) = lower(?)', [body.username]).first()).toBeUndefined();
  });

  it('lets a link expire when its lifetime passes', async () => {
    const body = await registration();
    await anon().post('/api/registration', body);
    const mail = await sys.mail.waitFor((m) => m.to.includes(body.email));
    await new Promise((r) => setTimeout(r, LINK_MS + 1_500));
    const res = await anon().post('/api/registration/activate', { token: tokenFrom(mail.text) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/expired or has already been used/);
  });
});

describe('lockout', () => {
  it('locks after three wrong passwords in a row, says who can unlock, and the org user admin unlocks it', async () => {
    const user = await freshUser();
    for (const expected of [401, 401, 423]) {
      expect(
        (await anon().post('/api/auth/login', { username: user.username, password: 'Wrong-password-1' })).status,
      ).toBe(expected);
    }
    const locked = await anon().post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.message).toMatch(/user administrator can unlock/);

    expect((await (await as(world.peer.username)).post(`/api/users/${user.id}/unlock`)).status).toBe(403);
    expect((await (await as(world.outsider.username)).post(`/api/users/${user.id}/unlock`)).status).toBe(403);
    const admin = await as(world.top.username);
    expect((await admin.get('/api/users/locked')).body.users.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await admin.post(`/api/users/${user.id}/unlock`)).status).toBe(204);
    await as(user.username);
    const audit = await sys.db('audit_log').where({ targetId: user.id }).pluck('action');
    expect(audit).toContain('account.unlocked');
    expect(await sys.db('audit_log').where({ actorId: user.id, action: 'auth.account_locked' }).first()).toBeDefined();
  });

  it('gives a real and an unknown username the same answers, wrong password after wrong password', async () => {
    const user = await freshUser();
    const answers = async (username: string) => {
      const seen: { status: number; body: unknown }[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await anon().post('/api/auth/login', { username, password: `Wrong-password-${i}` });
        seen.push({ status: res.status, body: res.body });
      }
      return seen;
    };
    const real = await answers(user.username);
    const unknown = await answers(`nobody-${world.tag}`);
    expect(real.map((a) => a.status)).toEqual([401, 401, 423, 423, 423]);
    expect(unknown).toEqual(real);
    expect(real[3]!.body).toEqual({ error: { code: 'LOCKED', message: LOCKED_MESSAGE } });
  });

  it('counts an unknown username however it is capitalised, keeps its lock for months, and forgets it after 90 days', async () => {
    const name = `Ghost-${world.tag}`;
    const statuses: number[] = [];
    for (const username of [name, name.toLowerCase(), name.toUpperCase(), name]) {
      statuses.push((await anon().post('/api/auth/login', { username, password: 'Wrong-password-1' })).status);
    }
    expect(statuses).toEqual([401, 401, 423, 423]);

    const key = name.toLowerCase();
    const stale = `stale-${world.tag}`;
    // A month later it is still "locked", as a real account stays locked until unlocked.
    await sys
      .db('sign_in_failures')
      .where({ usernameKey: key })
      .update({ lastFailedAt: new Date(Date.now() - 30 * 86_400_000) });
    expect((await anon().post('/api/auth/login', { username: name, password: 'Wrong-password-1' })).status).toBe(423);
    const longAgo = new Date(Date.now() - 91 * 86_400_000);
    await sys.db('sign_in_failures').insert({ usernameKey: stale, failureCount: 3, lastFailedAt: longAgo });
    await sys.db('sign_in_failures').where({ usernameKey: key }).update({ lastFailedAt: longAgo });
    expect((await anon().post('/api/auth/login', { username: name, password: 'Wrong-password-1' })).status).toBe(401);
    expect(await sys.db('sign_in_failures').where({ usernameKey: key }).first('failureCount')).toEqual({
      failureCount: 1,
    });
    // Rows of other names past their memory are removed, so guessing cannot grow the table for ever.
    expect(await sys.db('sign_in_failures').where({ usernameKey: stale }).first()).toBeUndefined();
  });

  it('starts the count again after a successful sign-in', async () => {
    const user = await freshUser();
    await anon().post('/api/auth/login', { username: user.username, password: 'Wrong-password-1' });
    await anon().post('/api/auth/login', { username: user.username, password: 'Wrong-password-1' });
    await as(user.username);
    expect(
      (await anon().post('/api/auth/login', { username: user.username, password: 'Wrong-password-1' })).status,
    ).toBe(401);
  });
});

describe('forgotten password and username', () => {
  it('answers the same whether or not the email is registered', async () => {
    const known = await anon().post('/api/recovery/forgot-password', {
      email: world.peer.email,
      botCheck: await solveBotCheck(sys.app),
    });
    const unknown = await anon().post('/api/recovery/forgot-password', {
      email: 'nobody@nowhere.test',
      botCheck: await solveBotCheck(sys.app),
    });
    expect(known.status).toBe(202);
    expect(unknown).toMatchObject({ status: known.status, body: known.body });
    const u1 = await anon().post('/api/recovery/forgot-username', {
      email: world.peer.email,
      botCheck: await solveBotCheck(sys.app),
    });
    const u2 = await anon().post('/api/recovery/forgot-username', {
      email: 'nobody@nowhere.test',
      botCheck: await solveBotCheck(sys.app),
    });
    expect(u2).toMatchObject({ status: u1.status, body: u1.body });
  });

  it('emails the username', async () => {
    const user = await freshUser();
    await anon().post('/api/recovery/forgot-username', { email: user.email, botCheck: await solveBotCheck(sys.app) });
    const mail = await sys.mail.waitFor((m) => m.to.includes(user.email) && m.subject === 'Your Casebook username');
    expect(mail.text).toContain(user.username);
  });

  it('resets with the emailed link once: same rules, unlocks, ends other sessions', async () => {
    const user = await freshUser();
    const oldSession = await as(user.username);
    for (let i = 0; i < 3; i++)
      await anon().post('/api/auth/login', { username: user.username, password: 'Wrong-password-1' });
    await anon().post('/api/recovery/forgot-password', { email: user.email, botCheck: await solveBotCheck(sys.app) });
    const mail = await sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Reset your Casebook password',
    );
    const token = tokenFrom(mail.text);
    const reset = (body: Record<string, string>) =>
      anon().post('/api/recovery/reset-password', {
        token,
        email: user.email,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
        ...body,
      });

    expect((await reset({ email: world.peer.email })).status).toBe(400);
    const weak = await reset({ password: 'password', passwordConfirmation: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBeDefined();
    expect((await reset({})).status).toBe(204);
    expect((await reset({})).status).toBe(400);
    expect((await oldSession.get('/api/auth/session')).status).toBe(401);
    await as(user.username, NEW_PASSWORD);
  });

  it('refuses a new password that includes the username at reset, and accepts the same password without it', async () => {
    const { username, password, withoutUsername } = usernameInPassword();
    const user = await freshUser(username);
    await anon().post('/api/recovery/forgot-password', { email: user.email, botCheck: await solveBotCheck(sys.app) });
    const mail = await sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Reset your Casebook password',
    );
    const reset = (newPassword: string) =>
      anon().post('/api/recovery/reset-password', {
        token: tokenFrom(mail.text),
        email: user.email,
        password: newPassword,
        passwordConfirmation: newPassword,
      });
    const refused = await reset(password);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ password: 'The password must not include your username' });
    await as(username);
    expect((await reset(withoutUsername)).status).toBe(204);
    await as(username, withoutUsername);
  });

  it('refuses a reset link after its lifetime', async () => {
    const user = await freshUser();
    await anon().post('/api/recovery/forgot-password', { email: user.email, botCheck: await solveBotCheck(sys.app) });
    const mail = await sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Reset your Casebook password',
    );
    await new Promise((r) => setTimeout(r, LINK_MS + 1_500));
    const res = await anon().post('/api/recovery/reset-password', {
      token: tokenFrom(mail.text),
      email: user.email,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(res.status).toBe(400);
    const row = await sys.db('auth_tokens').where({ userId: user.id, purpose: 'password-reset' }).first();
    expect(row.invalidatedAt).not.toBeNull();
  });
});

describe('two-factor authentication', () => {
  it('enrols with a code, then asks for a code at sign-in; a recovery code works once', async () => {
    const user = await freshUser();
    const caller = await as(user.username);
    const setup = await caller.post('/api/account/two-factor/setup');
    expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const key = base32Decode(setup.body.secret);
    expect((await caller.post('/api/account/two-factor/confirm', { code: '000000' })).status).toBe(400);
    const confirmed = await caller.post('/api/account/two-factor/confirm', { code: generateTOTP(key, 30, 6) });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);

    const second = new ApiCaller(sys.app);
    expect((await second.post('/api/auth/login', { username: user.username, password: PASSWORD })).body).toEqual({
      twoFactorRequired: true,
    });
    expect((await second.get('/api/referrals')).status).toBe(401);
    expect((await second.post('/api/auth/two-factor', { code: '123456' })).status).toBe(401);
    expect((await second.post('/api/auth/two-factor', { code: generateTOTP(key, 30, 6) })).status).toBe(204);
    expect((await second.get('/api/referrals')).status).toBe(200);

    const third = new ApiCaller(sys.app);
    await third.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect((await third.post('/api/auth/two-factor', { recoveryCode: confirmed.body.recoveryCodes[0] })).status).toBe(
      204,
    );
    const fourth = new ApiCaller(sys.app);
    await fourth.post('/api/auth/login', { username: user.username, password: PASSWORD });
    expect((await fourth.post('/api/auth/two-factor', { recoveryCode: confirmed.body.recoveryCodes[0] })).status).toBe(
      401,
    );
  });

  it('is compulsory where the organisation requires it: nothing but the set-up until done', async () => {
    const hash = await hashPassword(PASSWORD);
    const org = await createOrganisation(sys.db, {
      code: `TF${world.tag}`,
      name: 'Strict Org',
      verificationCode: `strict-${world.tag}`,
      caseNumberPrefix: 'STR',
      requiresTwoFactor: true,
      emailDomains: ['strict.test'],
      formKeys: ['management-referral'],
    });
    const username = `strict-${world.tag}`;
    await createUser(
      sys.db,
      { username, email: `${username}@strict.test`, passwordHash: hash, firstName: 'Stan', surname: 'Strict' },
      [{ organisationId: org.id, permissions: ['referrer'] }],
    );
    const caller = await as(username);
    const session = await caller.get('/api/auth/session');
    expect(session.body).toMatchObject({ twoFactorSetupRequired: true, navigation: [] });
    const refused = await caller.get('/api/referrals');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/requires two-factor/);
    const setup = await caller.post('/api/account/two-factor/setup');
    await caller.post('/api/account/two-factor/confirm', {
      code: generateTOTP(base32Decode(setup.body.secret), 30, 6),
    });
    expect((await caller.get('/api/referrals')).status).toBe(200);
  });
});

describe('sessions and My Account', () => {
  it('tells the portal when the session ends, and "stay signed in" extends it', async () => {
    const caller = await as(world.referrer.username);
    const res = await caller.get('/api/auth/session');
    expect(Date.parse(res.headers.get('x-session-expires')!)).toBeGreaterThan(Date.now() + 19 * 60_000);
    const extended = await caller.post('/api/auth/session/extend');
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(Date.now() + 19 * 60_000);
  });

  it('refreshes the session cookie once on every signed-in answer, refusals included', async () => {
    const caller = await as(world.referrer.username);
    for (const res of [await caller.get('/api/referrals'), await caller.get(`/api/referrals/${randomUUID()}`)]) {
      const cookies = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatch(/Max-Age=1200; Path=\/; HttpOnly; SameSite=Strict/);
    }
  });

  it('signing out ends the session on the server', async () => {
    const caller = await as(world.referrer.username);
    await caller.post('/api/auth/logout');
    expect((await caller.get('/api/auth/session')).status).toBe(401);
  });

  it('signing out sends one Set-Cookie for the session cookie, and it clears it', async () => {
    const caller = await as(world.referrer.username);
    const res = await caller.post('/api/auth/logout');
    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect(res.headers.get('x-session-expires')).toBeNull();
  });

  it('signing in again over a live session sends only the new session cookie', async () => {
    const caller = await as(world.referrer.username);
    const res = await caller.post('/api/auth/login', { username: world.referrer.username, password: PASSWORD });
    expect(res.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=`))).toHaveLength(1);
    expect((await caller.get('/api/auth/session')).status).toBe(200);
  });

  it('tells someone who never signed in to sign in, and someone whose session ended that it ended', async () => {
    const never = await anon().get('/api/referrals');
    expect(never.status).toBe(401);
    expect(never.body.error.message).toBe('Sign in to continue.');
    const caller = await as(world.referrer.username);
    const stale = caller.sending('both');
    await caller.post('/api/auth/logout');
    const ended = await stale.get('/api/referrals');
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toBe('Your session has ended. Sign in to continue.');
    // ...and the dead cookie is cleared, once.
    expect(ended.headers.getSetCookie().filter((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toHaveLength(1);
  });

  it('refuses an anonymous request before validating its input, on every route that is not public', async () => {
    const doc = (await (await sys.app.request('/api/openapi.json')).json()) as OpenApiPaths;
    const id = '00000000-0000-0000-0000-000000000000';
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, id) })),
    );
    const guarded = routes.filter((r) => !isPublicRoute(r.method, r.path));
    expect(guarded.length).toBeGreaterThan(30);
    const answers = [];
    for (const r of guarded) {
      const res = await anon().request(
        r.method,
        r.path,
        r.method === 'GET' ? undefined : { nonsense: ['not', 'valid'] },
      );
      answers.push({ ...r, status: res.status, message: res.body.error?.message });
    }
    expect(answers).toEqual(guarded.map((r) => ({ ...r, status: 401, message: 'Sign in to continue.' })));
  });

  it('lists as public only routes the API has', async () => {
    const doc = (await (await sys.app.request('/api/openapi.json')).json()) as OpenApiPaths;
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
      ),
    );
    const undocumented = publicRoutes()
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !documented.has(r));
    // The API reference page is plain Hono, outside the OpenAPI document.
    expect(undocumented).toEqual(['GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs/', 'GET /api/docs/:file']);
    expect((await sys.app.request('/api/docs')).status).toBe(200);
    // Typed with a trailing slash, the address leads there too, signed in or not.
    const slashed = await sys.app.request('/api/docs/');
    expect([slashed.status, slashed.headers.get('location')]).toEqual([301, '/api/docs']);
  });

  it('edits details but not username or email', async () => {
    const user = await freshUser();
    const caller = await as(user.username);
    const details = {
      title: 'Prof',
      firstName: 'Fran',
      surname: 'Fresh',
      workAddress: '9 New Road',
      workPostcode: 'LS9 9ZZ',
      jobTitle: 'Lead',
      telephone: '0113 000 0000',
    };
    expect((await caller.put('/api/account', { ...details, firstName: '!!' })).status).toBe(400);
    expect((await caller.put('/api/account', { ...details, username: 'hacker', email: 'x@evil.test' })).status).toBe(
      204,
    );
    const after = await caller.get('/api/account');
    expect(after.body).toMatchObject({ ...details, username: user.username, email: user.email });
  });

  it('changes the password with the current one and ends the user’s other sessions', async () => {
    const user = await freshUser();
    const here = await as(user.username);
    const elsewhere = await as(user.username);
    expect(
      (
        await here.post('/api/account/password', {
          currentPassword: 'nope',
          password: NEW_PASSWORD,
          passwordConfirmation: NEW_PASSWORD,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await here.post('/api/account/password', {
          currentPassword: PASSWORD,
          password: NEW_PASSWORD,
          passwordConfirmation: NEW_PASSWORD,
        })
      ).status,
    ).toBe(204);
    expect((await here.get('/api/auth/session')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/session')).status).toBe(401);
    await as(user.username, NEW_PASSWORD);
  });

  it('refuses a new password that includes the username, and accepts the same password without it', async () => {
    const { username, password, withoutUsername } = usernameInPassword();
    await freshUser(username);
    const caller = await as(username);
    const refused = await caller.post('/api/account/password', {
      currentPassword: PASSWORD,
      password,
      passwordConfirmation: password,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ password: 'The password must not include your username' });
    await as(username);
    expect(
      (
        await caller.post('/api/account/password', {
          currentPassword: PASSWORD,
          password: withoutUsername,
          passwordConfirmation: withoutUsername,
        })
      ).status,
    ).toBe(204);
    await as(username, withoutUsername);
  });
});

describe('shared services: several organisations', () => {
  it('requests access with a code, the org user admin approves, and the user switches', async () => {
    const user = await freshUser();
    const caller = await as(user.username);
    const other = (await anon().get(`/api/registration/organisations/other-${world.tag}`)).body;
    expect(
      (await caller.post('/api/account/organisations', { verificationCode: 'wrong', managerId: '', locationId: '' }))
        .status,
    ).toBe(400);
    const requested = await caller.post('/api/account/organisations', {
      verificationCode: `other-${world.tag}`,
      managerId: other.managers[0].id,
      locationId: '',
    });
    expect(requested.status).toBe(400);
    expect(requested.body.error.fields).toHaveProperty('locationId');
    const otherOrg = await sys
      .db('organisations')
      .where({ code: `O${world.tag}` })
      .first('id');
    const [loc] = await sys.db('locations').insert({ organisationId: otherOrg.id, name: 'Hull' }).returning('id');
    expect(
      (
        await caller.post('/api/account/organisations', {
          verificationCode: `other-${world.tag}`,
          managerId: other.managers[0].id,
          locationId: loc.id,
        })
      ).status,
    ).toBe(202);
    expect((await caller.put('/api/auth/organisation', { organisationId: otherOrg.id })).status).toBe(404);

    await sys
      .db('memberships')
      .where({ userId: world.outsider.id })
      .update({ permissions: ['referrer', 'user_admin'] });
    const admin = await as(world.outsider.username);
    const requests = (await admin.get('/api/users/membership-requests')).body.requests;
    const mine = requests.find((r: { username: string }) => r.username === user.username);
    expect((await admin.post(`/api/users/membership-requests/${mine.id}/approve`)).status).toBe(204);

    expect((await caller.put('/api/auth/organisation', { organisationId: otherOrg.id })).status).toBe(204);
    expect((await caller.get('/api/auth/session')).body.organisation.name).toBe(`Other ${world.tag}`);
    expect(
      await sys.db('audit_log').where({ actorId: user.id, action: 'auth.organisation_switched' }).first(),
    ).toBeDefined();
  });
});

type OpenApiPaths = { paths: Record<string, Record<string, unknown>> };

let counter = 0;
async function freshUser(username = `fresh${++counter}-${world.tag}`) {
  const email = `${username}@client-${world.tag}.test`;
  const id = await createUser(
    sys.db,
    {
      username,
      email,
      passwordHash: await hashPassword(PASSWORD),
      firstName: 'Fresh',
      surname: 'User',
      title: 'Mx',
      jobTitle: 'Officer',
      telephone: '0113',
      workAddress: '1 Road',
      workPostcode: 'LS1',
    },
    [{ organisationId: world.client.id, managerId: world.top.id, permissions: ['referrer'] }],
  );
  return { id, username, email };
}

/** The rules a password breaks, judged as the server judges them. */
function brokenRules(password: string, confirmation: string, username: string) {
  const check = checkPassword({ password, confirmation, username }, commonWords());
  return PASSWORD_RULES.map((r) => r.key).filter((key) => !check[key]);
}

/** What the server says of a password that breaks only this rule. */
const problemWith = (rule: PasswordRuleKey) =>
  passwordProblem({ ...Object.fromEntries(PASSWORD_RULES.map((r) => [r.key, true])), [rule]: false } as PasswordCheck);

/**
 * A new username, a password that breaks only "must not include your
 * username", and that password without the username, which breaks none.
 * Usernames are random, so a candidate that happens to spell a common word
 * (or break another rule) is drawn again.
 */
function usernameInPassword() {
  const withoutUsername = 'Hj4#Pv7!$Wz8';
  for (let attempt = 0; attempt < 50; attempt++) {
    const username = `Vq${randomBytes(4).toString('hex')}`;
    const password = `Hj4#Pv7!${username}$Wz8`;
    if (
      brokenRules(password, password, username).join() === 'notUsername' &&
      brokenRules(withoutUsername, withoutUsername, username).length === 0
    ) {
      return { username, password, withoutUsername };
    }
  }
  throw new Error('no username found that breaks only the username rule');
}

function base32Decode(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return new Uint8Array((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}
