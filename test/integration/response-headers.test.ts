import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createLogger } from '../../services/logger.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

/**
 * The security headers are set before the handler runs (one set after it makes @hono/node-server
 * rebuild the response), so every kind of answer must still carry them, each once: a route's JSON,
 * a refusal, a validation error, an unknown address, a file of the portal and the portal's page.
 */
const suite = apiSuite();
let app: ReturnType<typeof createApp>;
let portal: string;

beforeAll(() => {
  portal = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-portal-'));
  fs.mkdirSync(path.join(portal, 'assets'));
  fs.writeFileSync(path.join(portal, 'index.html'), '<!doctype html><title>Casebook</title>');
  fs.writeFileSync(path.join(portal, 'assets', 'app.js'), 'export {};');
  const { deps } = suite.sys;
  app = createApp({ ...deps, log: createLogger({ level: 'silent' }), settings: { ...deps.settings, webDist: portal } });
});
afterAll(() => fs.rmSync(portal, { recursive: true, force: true }));

const SECURITY = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
};

/** Each header exactly once (Headers.get joins repeats with ", "), and no-store on the API's answers. */
function expectSecured(headers: Headers, api: boolean) {
  for (const [name, value] of Object.entries(SECURITY)) expect(headers.get(name), name).toBe(value);
  if (api) expect(headers.get('cache-control')).toBe('no-store');
  else expect(headers.get('cache-control')).not.toBe('no-store');
}

describe('every answer', () => {
  it('carries the security headers once, and no-store from the API', async () => {
    const anonymous = new ApiCaller(app);
    const referrer = await ApiCaller.signIn(app, suite.world.referrer.username, PASSWORD);
    const answers = [
      ['a public route', await anonymous.get('/api/health'), 200],
      ['a refusal before sign-in', await anonymous.get('/api/referrals'), 401],
      ['a signed-in list', await referrer.get('/api/referrals?tab=open'), 200],
      ['a validation error', await referrer.get('/api/referrals?tab=nonsense'), 400],
      ['an unknown address', await referrer.get('/api/nothing-here'), 404],
      ['a cross-site write', await referrer.sending('none').post('/api/auth/logout'), 403],
    ] as const;
    for (const [what, res, status] of answers) {
      expect(res.status, what).toBe(status);
      expectSecured(res.headers, true);
    }
    // The signed-in answers refresh the session cookie alongside.
    expect(answers[2][1].headers.getSetCookie()).toHaveLength(1);

    for (const file of ['/', '/track-referrals', '/assets/app.js']) {
      const res = await anonymous.raw(file);
      expect(res.status, file).toBe(200);
      expectSecured(res.headers, false);
    }
  });
});
