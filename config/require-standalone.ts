import type { Config, Requirement } from './index.ts';

// `npm run api|worker` and `node dist/...` run as production does, as separate processes; the embedded
// database allows one process only (npm start runs everything in one process on it), so they need a server.
const SHARED_DATABASE: Requirement = {
  variable: 'DATABASE_URL',
  why:
    'required when the API or the worker runs on its own ' +
    '(npm start runs everything in one process on the embedded database)',
};

/** What the API needs beyond loadConfig's checks, listed with the other problems. */
export const API_REQUIREMENTS: readonly Requirement[] = [
  SHARED_DATABASE,
  {
    variable: 'DOCUMENT_KEY',
    why: 'the API stores documents encrypted with it (32 random bytes, base64: openssl rand -base64 32)',
  },
];

export const WORKER_REQUIREMENTS: readonly Requirement[] = [SHARED_DATABASE];

/** The configured relay, or the local catcher `npm start` runs (never in production: SMTP_URL is required there). */
export const smtpUrlOf = (config: Config) => config.mail.smtpUrl ?? `smtp://127.0.0.1:${config.mail.catcherSmtpPort}`;
