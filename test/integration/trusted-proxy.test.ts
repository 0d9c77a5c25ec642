import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../services/trusted-proxies.ts';
import { createWorld, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * The client's address for rate limits and the audit log, with and without a trusted load balancer
 * in front (TRUST_PROXY). Limits at a fifth of production's, so a guessing run is short: 20 failures.
 */
const PROXY = '10.0.0.5';
let direct: TestSystem;
let proxied: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  direct = await startTestSystem({ inProcessWorker: false, rateLimitScale: 0.2 });
  const trust = parseTrustProxy('1');
  if (!('trust' in trust)) throw new Error('TRUST_PROXY=1 must parse');
  proxied = await startTestSystem({ inProcessWorker: false, rateLimitScale: 0.2, trustProxy: trust.trust });
  world = await createWorld(direct.db);
});
afterAll(async () => {
  await direct?.stop();
  await proxied?.stop();
});

const login = (
  sys: TestSystem,
  socket: string,
  forwardedFor: string | undefined,
  username: string,
  password = PASSWORD,
) =>
  new ApiCaller(sys.app, { address: socket }).request(
    'POST',
    '/api/auth/login',
    { username, password },
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );

async function lastSignInAddress(sys: TestSystem, userId: string): Promise<string | null> {
  const row = await sys
    .db('audit_log')
    .where({ actorId: userId, action: 'auth.signed_in' })
    .orderBy('id', 'desc')
    .first('ip');
  return row?.ip ?? null;
}

describe('without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For: the audit log has the socket address', async () => {
    expect((await login(direct, '192.0.2.10', '203.0.113.50', world.manager.username)).status).toBe(200);
    expect(await lastSignInAddress(direct, world.manager.id)).toBe('192.0.2.10');
  });

  it('still throttles a guessing run that makes up a new X-Forwarded-For for each try', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await login(direct, '192.0.2.11', `198.51.100.${i + 1}`, `nobody${i}-${world.tag}`, `Guess-${i}`)).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 401 || s === 423)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('with TRUST_PROXY=1 (one load balancer)', () => {
  it('records the address the load balancer appended, not one the client wrote before it', async () => {
    expect((await login(proxied, PROXY, '198.51.100.99, 203.0.113.7', world.top.username)).status).toBe(200);
    expect(await lastSignInAddress(proxied, world.top.id)).toBe('203.0.113.7');
  });

  it('uses the socket address when a request reaches the API without the header', async () => {
    expect((await login(proxied, '192.0.2.12', undefined, world.peer.username)).status).toBe(200);
    expect(await lastSignInAddress(proxied, world.peer.id)).toBe('192.0.2.12');
  });

  it('throttles a guessing client behind the proxy while 5 colleagues sign in 40 times through it', async () => {
    const guessing: number[] = [];
    for (let i = 0; i < 21; i++) {
      guessing.push((await login(proxied, PROXY, '203.0.113.66', `victim${i}-${world.tag}`, `Guess-${i}`)).status);
    }
    expect(guessing.slice(0, 20).every((s) => s === 401 || s === 423)).toBe(true);
    expect(guessing[20]).toBe(429);

    const colleagues = [world.clinician, world.manager, world.referrer, world.outsider, world.top];
    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (const [i, user] of colleagues.entries()) {
        statuses.push((await login(proxied, PROXY, `203.0.113.${i + 1}`, user.username)).status);
      }
    }
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
    // The guesser is still held.
    expect((await login(proxied, PROXY, '203.0.113.66', world.referrer.username)).status).toBe(429);
  });
});
