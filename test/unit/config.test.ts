import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Requirement } from '../../config/index.ts';

describe('loadConfig', () => {
  it('gives a working local default with nothing set', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.namespace).toBe('casebook');
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.http.cookieSecure).toBe(false);
  });

  it('uses the servers it is given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db.example/casebook',
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      SMTP_URL: 'smtp://relay.example:25',
    });
    expect(config.databaseUrl).toBe('postgres://db.example/casebook');
    expect(config.temporal.address).toBe('temporal.example:7233');
    expect(config.mail.smtpUrl).toBe('smtp://relay.example:25');
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a port number/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: '0', TRUST_PROXY: 'yes', DOCUMENT_KEY: 'too-short' });
    expect(problems).toEqual([
      'PORT: must be a port number, 1 to 65535',
      'DOCUMENT_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)',
      expect.stringMatching(/^DATABASE_URL: required in production/),
      expect.stringMatching(/^SMTP_URL: required in production/),
      expect.stringMatching(/^APP_SECRET: required in production/),
      expect.stringMatching(/^TRUST_PROXY: not a hop count or a list of addresses\/CIDRs .*: yes$/),
    ]);
  });

  it('adds what a process run on its own needs to the list', () => {
    const needs = [{ variable: 'DATABASE_URL', why: 'the API needs a server' }] as const;
    expect(problemsOf({ PORT: 'x' }, needs)).toEqual([
      'PORT: must be a port number, 1 to 65535',
      'DATABASE_URL: the API needs a server',
    ]);
    expect(loadConfig({ DATABASE_URL: 'postgres://db.example/x' }, needs).databaseUrl).toBe('postgres://db.example/x');
  });

  it('reads TRUST_PROXY as a hop count or address ranges, and trusts nobody without it', () => {
    expect(loadConfig({}).http.trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toEqual({ hops: 1 });
    const ranges = loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).http.trustProxy;
    expect(ranges).toMatchObject({ ranges: [[expect.anything(), 8]] });
  });

  it('refuses to run production on the embedded database or without a mail relay', () => {
    const production = { NODE_ENV: 'production' };
    expect(() => loadConfig({ ...production, SMTP_URL: 'smtp://r.example' })).toThrow(
      /DATABASE_URL: required in production/,
    );
    expect(() => loadConfig({ ...production, DATABASE_URL: 'postgres://db.example/x' })).toThrow(
      /SMTP_URL: required in/,
    );
  });

  it('marks cookies Secure in production, where a fixed secret is required', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.example/x',
      SMTP_URL: 'smtp://r.example',
    };
    expect(() => loadConfig(production)).toThrow(/APP_SECRET/);
    expect(() => loadConfig({ ...production, APP_SECRET: 'x'.repeat(32) })).toThrow(/DOCUMENT_KEY/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...production, APP_SECRET: 'x'.repeat(32), DOCUMENT_KEY: key }).http.cookieSecure).toBe(true);
    expect(() => loadConfig({ DOCUMENT_KEY: 'too-short' })).toThrow(/32 bytes/);
  });
});

function problemsOf(env: NodeJS.ProcessEnv, requirements: readonly Requirement[] = []): string[] {
  try {
    loadConfig(env, requirements);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
