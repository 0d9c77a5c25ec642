import type { Config } from './index.ts';

/**
 * `npm run api` and `npm run worker` run as production does, as separate
 * processes; the embedded database allows one process only, so they need a server.
 */
export function requireSharedServices(config: Config, who: string): { databaseUrl: string; smtpUrl: string } {
  if (!config.databaseUrl) {
    console.error(`${who} needs DATABASE_URL when it runs on its own. (npm start runs everything in one process on the embedded database.)`);
    process.exit(2);
  }
  return { databaseUrl: config.databaseUrl, smtpUrl: config.mail.smtpUrl ?? `smtp://127.0.0.1:${config.mail.catcherSmtpPort}` };
}
