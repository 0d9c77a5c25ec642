import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/index.ts';

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
    const config = loadConfig({ DATABASE_URL: 'postgres://db.example/casebook', TEMPORAL_ADDRESS: 'temporal.example:7233', SMTP_URL: 'smtp://relay.example:25' });
    expect(config.databaseUrl).toBe('postgres://db.example/casebook');
    expect(config.temporal.address).toBe('temporal.example:7233');
    expect(config.mail.smtpUrl).toBe('smtp://relay.example:25');
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('refuses to run production on the embedded database or without a mail relay', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://relay.example' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/x' })).toThrow(/SMTP_URL is required/);
  });

  it('marks cookies Secure in production, where a fixed secret is required', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/x', SMTP_URL: 'smtp://r.example' };
    expect(() => loadConfig(production)).toThrow(/APP_SECRET/);
    expect(() => loadConfig({ ...production, APP_SECRET: 'x'.repeat(32) })).toThrow(/DOCUMENT_KEY/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...production, APP_SECRET: 'x'.repeat(32), DOCUMENT_KEY: key }).http.cookieSecure).toBe(true);
    expect(() => loadConfig({ DOCUMENT_KEY: 'too-short' })).toThrow(/32 bytes/);
  });
});
