import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { NAMESPACE, TASK_QUEUE } from '../temporal.config.ts';

/**
 * The environment, read and validated once at start-up. Only entry points
 * (bin/, api/server.ts, worker/main.ts, db/migrate.ts) call loadConfig; everything
 * else receives the Config it needs.
 */
const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: optionalUrl.optional(),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalUrl.optional(),
  TEMPORAL_ADDRESS: z.string().trim().optional().transform((v) => (v ? v : undefined)),
  TEMPORAL_NAMESPACE: z.string().default(NAMESPACE),
  TEMPORAL_TASK_QUEUE: z.string().default(TASK_QUEUE),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI: z.string().optional(),
  SMTP_URL: optionalUrl.optional(),
  SMTP_PORT: port.default(1025),
  MAILBOX_PORT: port.default(1080),
  MAIL_FROM: z.string().default('Casebook <no-reply@casebook.local>'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DOCUMENT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; publicUrl: string; cookieSecure: boolean };
  dataDir: string;
  /** undefined: the embedded PGlite database inside dataDir. */
  databaseUrl: string | undefined;
  temporal: {
    /** undefined: the launcher starts its own dev server. */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    devServerPort: number;
    uiPort: number;
    cli: string | undefined;
  };
  mail: { smtpUrl: string | undefined; from: string; catcherSmtpPort: number; mailboxPort: number };
  /** Signs bot-check challenges; random per process when unset outside production. */
  secret: string;
  /** AES-256 key for documents at rest; the launcher keeps a local one when unset outside production. */
  documentKey: Buffer | undefined;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.DATABASE_URL) throw new ConfigError('DATABASE_URL is required in production.');
  if (production && !e.SMTP_URL) throw new ConfigError('SMTP_URL is required in production.');
  if (production && !e.APP_SECRET) throw new ConfigError('APP_SECRET (32 or more random characters) is required in production.');
  if (production && !e.DOCUMENT_KEY) throw new ConfigError('DOCUMENT_KEY (32 random bytes, base64) is required in production.');
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
    },
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      cli: e.TEMPORAL_CLI,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      catcherSmtpPort: e.SMTP_PORT,
      mailboxPort: e.MAILBOX_PORT,
    },
    secret: e.APP_SECRET ?? randomBytes(32).toString('hex'),
    documentKey: e.DOCUMENT_KEY ? Buffer.from(e.DOCUMENT_KEY, 'base64') : undefined,
  };
}
