import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiCaller } from '../helpers/http.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/** POST /api/password-check: the portal's live check, so the common-words list stays on the server. */
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ inProcessWorker: false, rateLimitScale: 1 });
});
afterAll(() => sys?.stop());
afterEach(() => {
  vi.restoreAllMocks();
});

const check = (body: unknown) => new ApiCaller(sys.app).post('/api/password-check', body);

describe('checking a password being chosen', () => {
  it('answers every rule but the repeat, common words matched through disguises as at submit', async () => {
    const res = await check({ password: 'Xq7!5unsh1n3' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      rules: {
        digit: true,
        upper: true,
        lower: true,
        symbol: true,
        noTripleRepeat: true,
        minLength: true,
        maxLength: true,
        noCommonWords: false,
        notUsername: true,
      },
    });
    expect((await check({ password: 'Wm4#Tz9!Hq2$Bx', username: 'nia.newbie' })).body.rules).toMatchObject({
      noCommonWords: true,
      notUsername: true,
    });
    expect((await check({ password: 'Wm4#Tz9!Hq2$Bx', username: 'tz9!h' })).body.rules).toMatchObject({
      noCommonWords: true,
      notUsername: false,
    });
  });

  it('refuses a password longer than any allowed, or none, with a message to act on', async () => {
    const long = await check({ password: `Wm4#Tz9!Hq2$Bx${'k'.repeat(90)}` });
    expect(long.status).toBe(400);
    expect(long.body.error.fields.password).toBe('A password can have at most 100 characters: shorten it to check it.');
    const empty = await check({ password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.password).toBe('Enter a password to check');
  });

  it('neither logs nor records what it is sent', async () => {
    const password = 'Lq8#Unlogged!Zx';
    const written: string[] = [];
    const capture = (...args: unknown[]) => {
      written.push(args.map(String).join(' '));
    };
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation(capture);
    const write = (chunk: unknown) => {
      capture(chunk);
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(write);
    vi.spyOn(process.stderr, 'write').mockImplementation(write);
    const audits = await sys.db('audit_log').count({ n: '*' }).first();

    expect((await check({ password, username: 'unlogged-user' })).status).toBe(200);
    expect((await check({ password: password.repeat(8) })).status).toBe(400);
    vi.restoreAllMocks();
    expect(written.filter((line) => line.includes(password) || line.includes('unlogged-user'))).toEqual([]);
    expect(await sys.db('audit_log').count({ n: '*' }).first()).toEqual(audits);
  });

  it('is described in the OpenAPI document with its length cap', async () => {
    const doc = (await (await sys.app.request('/api/openapi.json')).json()) as { paths: Record<string, any> };
    const schema = doc.paths['/api/password-check']?.post?.requestBody?.content['application/json'].schema;
    expect(schema?.properties?.password).toMatchObject({ type: 'string', maxLength: 100 });
  });
});

describe('throttling', () => {
  let throttled: TestSystem;
  beforeAll(async () => {
    throttled = await startTestSystem({ inProcessWorker: false, rateLimitScale: 0.01 });
  });
  afterAll(() => throttled?.stop());

  it('limits checks per address, with a message saying how long to wait', async () => {
    const caller = new ApiCaller(throttled.app);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof caller.post>> | undefined;
    for (let i = 0; i < 20 && last?.status !== 429; i++) {
      last = await caller.post('/api/password-check', { password: `Wm4#Tz9!Hq2$B${i}` });
      statuses.push(last.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThan(1);
    expect(last?.body.error.message).toMatch(/Too many attempts\. Wait \d+ minutes? and try again\./);
  });
});
