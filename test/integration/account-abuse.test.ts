import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { completeManagementReferral, createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller, type CallerOptions } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/** Throttling, cross-site refusal and the not-yet-activated path, at production limits. */
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  sys = await startTestSystem({ rateLimitScale: 1 });
  world = await createWorld(sys.db);
});
afterAll(() => sys?.stop());

const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
// Each test its own client address, so one test's throttling cannot leak into another's.
let addresses = 0;
const address = () => `192.0.2.${++addresses}`;
const signIn = (username: string, password = PASSWORD, options: CallerOptions = {}) =>
  ApiCaller.signIn(sys.app, username, password, { address: address(), ...options });

describe('abuse of the account endpoints', () => {
  it.each([
    ['POST', '/api/auth/logout'],
    ['POST', '/api/account/password'],
    ['PUT', '/api/account'],
    ['POST', '/api/users/00000000-0000-0000-0000-000000000000/unlock'],
    ['POST', '/api/recovery/forgot-password'],
  ])('refuses %s %s from another site', async (method, path) => {
    const caller = await signIn(world.top.username);
    const res = await caller.request(method, path, {}, crossSite);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/another site/);
  });

  it('offers a new activation email only to someone who knows the password, with one answer for all', async () => {
    const username = `pending-${world.tag}`;
    const email = `${username}@client-${world.tag}.test`;
    await createUser(
      sys.db,
      {
        username,
        email,
        passwordHash: await hashPassword(PASSWORD),
        firstName: 'Pia',
        surname: 'Pending',
        status: 'pending',
      },
      [{ organisationId: world.client.id, permissions: ['referrer'] }],
    );
    const anon = new ApiCaller(sys.app, { address: address() });
    const wrong = await anon.post('/api/registration/resend-activation', { username, password: 'not it' });
    const right = await anon.post('/api/registration/resend-activation', { username, password: PASSWORD });
    expect(wrong).toMatchObject({ status: 202, body: right.body });
    const mail = await sys.mail.waitFor((m) => m.to.includes(email) && m.subject === 'Activate your Casebook account');
    expect(sys.mail.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
    expect(mail.text).toMatch(/activate\?token=[a-z0-9]+/);
  });
});

describe('the same-origin rule for state-changing requests', () => {
  const draft = async (caller: ApiCaller) => {
    const res = await caller.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const formDataOf = async (id: string) => (await sys.db('referrals').where({ id }).first('formData'))?.formData;

  it('refuses creating, saving and deleting a referral that says nothing of its origin, and changes nothing', async () => {
    const referrer = await signIn(world.referrer.username);
    const id = await draft(referrer);
    const bare = referrer.sending('none');
    const before = await sys.db('referrals').where({ authorId: world.referrer.id }).count({ n: '*' });
    const savedData = await formDataOf(id);

    const created = await bare.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const saved = await bare.put(`/api/referrals/${id}`, { formData: { employeeSurname: 'Changed' } });
    const deleted = await bare.delete(`/api/referrals/${id}`);
    for (const res of [created, saved, deleted]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'This request did not say which site it came from and was refused. ' +
          'Open Casebook at http://localhost:3000 in your web browser and try again.',
      );
    }
    expect(await sys.db('referrals').where({ authorId: world.referrer.id }).count({ n: '*' })).toEqual(before);
    expect(await formDataOf(id)).toEqual(savedData);
  });

  it('refuses a sign-in that says nothing of its origin: no session, nothing counted', async () => {
    const bare = new ApiCaller(sys.app, { provenance: 'none', address: address() });
    const right = await bare.post('/api/auth/login', { username: world.peer.username, password: PASSWORD });
    expect(right.status).toBe(403);
    expect(right.headers.get('set-cookie')).toBeNull();
    const wrong = await bare.post('/api/auth/login', { username: world.peer.username, password: 'Wrong-password-1' });
    expect(wrong.status).toBe(403);
    expect((await sys.db('users').where({ id: world.peer.id }).first('failedLoginCount')).failedLoginCount).toBe(0);
  });

  it('refuses an employee link answer that says nothing of its origin, before looking at the link', async () => {
    const bare = new ApiCaller(sys.app, { provenance: 'none', address: address() });
    const consent = await bare.post('/api/employee/consent', { token: 'not-a-real-link', decision: 'given' });
    const letter = await bare.post('/api/employee/letter', { token: 'not-a-real-link', response: 'accurate' });
    expect([consent.status, letter.status]).toEqual([403, 403]);
    expect(consent.body.error.message).toMatch(/did not say which site it came from/);
  });

  it('refuses a foreign Origin sent without Sec-Fetch-Site', async () => {
    const referrer = await signIn(world.referrer.username);
    const body = { formKey: 'management-referral', formData: {} };
    const res = await referrer
      .sending('none')
      .request('POST', '/api/referrals', body, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/came from another site/);
  });

  it('refuses a cross-site Sec-Fetch-Site sent without Origin', async () => {
    const referrer = await signIn(world.referrer.username);
    const body = { formKey: 'management-referral', formData: {} };
    const res = await referrer
      .sending('none')
      .request('POST', '/api/referrals', body, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/came from another site/);
  });

  it.each(['cross-site', 'same-site', 'none'])('refuses Sec-Fetch-Site %s even with our own Origin', async (site) => {
    const referrer = await signIn(world.referrer.username);
    const body = { formKey: 'management-referral', formData: {} };
    const res = await referrer.request('POST', '/api/referrals', body, { 'sec-fetch-site': site });
    expect(res.status).toBe(403);
  });

  it('accepts our own Origin alone, and Sec-Fetch-Site same-origin alone', async () => {
    const byOrigin = await signIn(world.referrer.username, PASSWORD, { provenance: 'origin' });
    const id = await draft(byOrigin);
    const save = (caller: ApiCaller, surname: string) =>
      caller.put(`/api/referrals/${id}`, { formData: completeManagementReferral({ employeeSurname: surname }) });
    expect((await save(byOrigin, 'Saved')).status).toBe(200);
    const bySite = byOrigin.sending('sec-fetch-site');
    expect((await save(bySite, 'Again')).status).toBe(200);
    expect((await bySite.delete(`/api/referrals/${id}`)).status).toBe(204);
    expect(await sys.db('referrals').where({ id }).first()).toBeUndefined();
  });
});

describe('sign-in throttling: failures, not successes', () => {
  it('lets one person sign in and out twenty times in a row', async () => {
    const from = address();
    for (let i = 0; i < 20; i++) {
      const caller = await signIn(world.manager.username, PASSWORD, { address: from });
      expect((await caller.post('/api/auth/logout')).status).toBe(204);
    }
  });

  it('lets a whole office of 150 people sign in through one proxy address', async () => {
    const { passwordHash } = await sys.db('users').where({ id: world.referrer.id }).first('passwordHash');
    const usernames: string[] = [];
    for (let i = 0; i < 150; i++) {
      const username = `office${i}-${world.tag}`;
      const email = `${username}@client-${world.tag}.test`;
      await createUser(sys.db, { username, email, passwordHash, firstName: 'Office', surname: `Worker${i}` }, [
        { organisationId: world.client.id, permissions: ['referrer'] },
      ]);
      usernames.push(username);
    }
    const proxy = address();
    const statuses: number[] = [];
    for (const username of usernames) {
      const res = await new ApiCaller(sys.app, { address: proxy }).post('/api/auth/login', {
        username,
        password: PASSWORD,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(usernames.map(() => 200));
  });

  it('stops a password-guessing run across usernames from one address after 100 failures, before any password check', async () => {
    const guesser = new ApiCaller(sys.app, { address: address() });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await guesser.post('/api/auth/login', {
        username: `victim${i % 40}-${world.tag}`,
        password: `Guess-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);

    const throttled = await guesser.post('/api/auth/login', {
      username: world.outsider.username,
      password: 'Guess-again',
    });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.message).toMatch(/^Too many attempts\. Wait \d+ minutes? and try again\.$/);
    // Refused before the password was looked at: the account counted nothing.
    expect((await sys.db('users').where({ id: world.outsider.id }).first('failedLoginCount')).failedLoginCount).toBe(0);
    // Other addresses are not held up.
    await signIn(world.outsider.username);
  });
});
