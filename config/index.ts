import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { SetupError } from '../services/describe-error.ts';
import { parseTrustProxy, type TrustProxy } from '../services/trusted-proxies.ts';
import { NAMESPACE, TASK_QUEUE } from '../temporal.config.ts';

/**
 * The environment, read and validated once at start-up. Only entry points
 * (bin/, api/server.ts, worker/main.ts, db/migrate.ts) call loadConfig; everything
 * else receives the Config it needs.
 */
const PORT_MESSAGE = 'must be a port number, 1 to 65535';
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE);
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.string().url().optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  TRUST_PROXY: z.string().optional(),
  PUBLIC_URL: optionalUrl.optional(),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: optionalUrl.optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
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
  /** Tests only: the API pauses between starting a new referral's run and writing its row, to be killed there. */
  TEST_PAUSE_BEFORE_REFERRAL_ROW_MS: z.coerce.number().int().min(1).optional(),
  DOCUMENT_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; publicUrl: string; cookieSecure: boolean; trustProxy: TrustProxy };
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
  /** Set only by tests (TEST_PAUSE_BEFORE_REFERRAL_ROW_MS); production never sets it. */
  testPauseBeforeReferralRowMs: number | undefined;
};

/** Every problem with the environment at once, in words for the operator (no stack: see bin/ and the entry points). */
export class ConfigError extends SetupError {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super(`The environment has ${count}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** A variable a process needs beyond what loadConfig asks of every process, and why. */
export type Requirement = { variable: 'DATABASE_URL' | 'DOCUMENT_KEY'; why: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, requirements: readonly Requirement[] = []): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const given = (name: string) => typeof env[name] === 'string' && env[name]!.trim() !== '';
  const need = (variable: string, why: string) => {
    if (!given(variable) && !problems.some((p) => p.startsWith(`${variable}:`))) problems.push(`${variable}: ${why}`);
  };
  if (env.NODE_ENV === 'production') {
    need('DATABASE_URL', 'required in production (a PostgreSQL connection string)');
    need('SMTP_URL', 'required in production (the SMTP relay, e.g. smtps://user:pass@smtp.example.org:465)');
    need('APP_SECRET', 'required in production (32 or more random characters, the same on every API instance)');
    need('DOCUMENT_KEY', 'required in production (32 random bytes, base64: openssl rand -base64 32)');
  }
  for (const r of requirements) need(r.variable, r.why);
  const trust = parseTrustProxy(env.TRUST_PROXY);
  if ('problem' in trust) problems.push(`TRUST_PROXY: ${trust.problem}`);
  if (!parsed.success || 'problem' in trust || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : production,
      trustProxy: trust.trust,
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
    testPauseBeforeReferralRowMs: e.TEST_PAUSE_BEFORE_REFERRAL_ROW_MS,
  };
}
