import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
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

describe('abuse of the account endpoints', () => {
  it('throttles sign-in attempts on one account, whatever the password', async () => {
    const anon = new ApiCaller(sys.app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await anon.post('/api/auth/login', { username: 'target-of-guessing', password: `guess-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const last = await anon.post('/api/auth/login', { username: 'target-of-guessing', password: 'guess-again' });
    expect(last.status).toBe(429);
    expect(last.body.error.message).toMatch(/Too many attempts\. Wait \d+ minutes? and try again\./);
  });

  it.each([
    ['POST', '/api/auth/logout'],
    ['POST', '/api/account/password'],
    ['PUT', '/api/account'],
    ['POST', '/api/users/00000000-0000-0000-0000-000000000000/unlock'],
    ['POST', '/api/recovery/forgot-password'],
  ])('refuses %s %s from another site', async (method, path) => {
    const caller = await ApiCaller.signIn(sys.app, world.top.username, PASSWORD);
    const res = await caller.request(method, path, {}, crossSite);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/another site/);
  });

  it('offers a new activation email only to someone who knows the password, with one answer for all', async () => {
    const username = `pending-${world.tag}`;
    const email = `${username}@client-${world.tag}.test`;
    await createUser(sys.db, { username, email, passwordHash: await hashPassword(PASSWORD), firstName: 'Pia', surname: 'Pending', status: 'pending' }, [
      { organisationId: world.client.id, permissions: ['referrer'] },
    ]);
    const anon = new ApiCaller(sys.app);
    const wrong = await anon.post('/api/registration/resend-activation', { username, password: 'not it' });
    const right = await anon.post('/api/registration/resend-activation', { username, password: PASSWORD });
    expect(wrong).toMatchObject({ status: 202, body: right.body });
    const mail = await sys.mail.waitFor((m) => m.to.includes(email) && m.subject === 'Activate your Casebook account');
    expect(sys.mail.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
    expect(mail.text).toMatch(/activate\?token=[a-z0-9]+/);
  });
});
