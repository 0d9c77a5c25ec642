import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { expect, it } from 'vitest';
import { apiSuite } from '../helpers/api-suite.ts';
import { solveBotCheck } from '../helpers/bot-check.ts';
import { ApiCaller } from '../helpers/http.ts';

/**
 * No answer of the account, session and user-admin routes carries a secret
 * column: password hashes, second-factor keys, recovery-code and link-token
 * hashes, or session ids (the hashes of session tokens). Every GET route is
 * called, signed in as a user admin with two-factor authentication on, with
 * a locked account and an access request in the lists.
 */
const suite = apiSuite();

/** The account area: each of its GET routes must be called here, with its path filled in. */
const AREA = ['/api/auth', '/api/account', '/api/users', '/api/registration', '/api/form-types'];
const SECRET_KEY = /hash|totp|secret|password/i;

/** Every string and every key in a parsed JSON answer, with where it was found. */
function* walk(value: unknown, at: string): Generator<{ at: string; key?: string; text?: string }> {
  if (typeof value === 'string') yield { at, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* walk(item, `${at}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield { at, key };
      yield* walk(item, `${at}.${key}`);
    }
  }
}

it('never answers a GET of the account area with a secret column, by name or by value', async () => {
  const { sys, world } = suite;
  const admin = await suite.as(world.top);
  // A second factor for the admin: a key and recovery codes stored.
  const setup = await admin.post('/api/account/two-factor/setup');
  const confirmed = await admin.post('/api/account/two-factor/confirm', {
    code: generateTOTP(decodeBase32IgnorePadding(setup.body.secret), 30, 6),
  });
  expect(confirmed.status).toBe(200);
  // A locked account and an access request, so both User Admin lists have rows.
  for (let i = 0; i < 3; i++)
    await new ApiCaller(sys.app).post('/api/auth/login', {
      username: world.peer.username,
      password: 'Wrong-password-1',
    });
  const org = (await new ApiCaller(sys.app).get(`/api/registration/organisations/client-${world.tag}`)).body;
  const outsider = await suite.as(world.outsider);
  const requested = await outsider.post('/api/account/organisations', {
    verificationCode: `client-${world.tag}`,
    managerId: org.managers[0].id,
    locationId: org.locations[0].id,
  });
  expect(requested.status).toBe(202);
  // An emailed link whose token hash is stored.
  await new ApiCaller(sys.app).post('/api/recovery/forgot-password', {
    email: world.manager.email,
    botCheck: await solveBotCheck(sys.app),
  });
  await sys.mail.waitFor((m) => m.to.includes(world.manager.email));

  const stored = async (table: string, column: string) =>
    ((await sys.db(table).whereNotNull(column).select(column)) as Record<string, string | Buffer>[]).map(
      (row) => row[column]!,
    );
  const totpKeys = (await stored('users', 'totpKey')) as Buffer[];
  const secrets = [
    ...((await stored('users', 'passwordHash')) as string[]),
    ...totpKeys.flatMap((key) => [
      key.toString('hex'),
      key.toString('base64'),
      key.toString('base64url'),
      encodeBase32UpperCaseNoPadding(key),
    ]),
    ...((await stored('recoveryCodes', 'codeHash')) as string[]),
    ...((await stored('authTokens', 'tokenHash')) as string[]).filter((hash) => !hash.startsWith('pending:')),
    ...((await stored('sessions', 'id')) as string[]),
  ];
  // Other test files share the database; a short or empty value there would match any text.
  secrets.splice(0, secrets.length, ...secrets.filter((secret) => secret.length >= 16));
  expect(totpKeys.length).toBeGreaterThan(0);
  expect(secrets.length).toBeGreaterThan(20);

  const doc = (await (await sys.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const params: Record<string, string> = { code: `client-${world.tag}`, key: 'management-referral', id: world.peer.id };
  const paths = Object.entries(doc.paths)
    .filter(([path, methods]) => 'get' in methods && AREA.some((prefix) => path.startsWith(prefix)))
    .map(([path]) => path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? `{${name}}`));
  expect(paths.filter((path) => path.includes('{'))).toEqual([]);
  expect(paths).toEqual(
    expect.arrayContaining([
      '/api/auth/session',
      '/api/account',
      '/api/users/locked',
      '/api/users/membership-requests',
    ]),
  );

  const found: string[] = [];
  for (const path of paths) {
    const res = await admin.get(path);
    expect(res.status, path).toBe(200);
    for (const { at, key, text } of walk(res.body, path)) {
      if (key !== undefined && SECRET_KEY.test(key)) found.push(`${at}: key ${key}`);
      if (text !== undefined && secrets.some((secret) => text.includes(secret))) found.push(`${at}: a stored secret`);
    }
  }
  expect(found).toEqual([]);
  // The lists were not empty: the check saw the rows that come from the users table.
  expect((await admin.get('/api/users/locked')).body.users.map((u: { id: string }) => u.id)).toContain(world.peer.id);
  expect(
    (await admin.get('/api/users/membership-requests')).body.requests.map((r: { username: string }) => r.username),
  ).toContain(world.outsider.username);
  // ...and the admin's own session answered, two-factor on.
  expect((await admin.get('/api/account')).body.twoFactorEnabled).toBe(true);
});
