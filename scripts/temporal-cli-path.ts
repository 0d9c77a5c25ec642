import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { SetupError } from '../services/describe-error.ts';

/** Where scripts/ensure-temporal-cli.sh puts the CLI it builds. */
export const BUILT_CLI = path.resolve('.tools/bin/temporal');

/** The Temporal CLI to run: TEMPORAL_CLI, then the project's build, then PATH. */
export function temporalCliPath(explicit = process.env.TEMPORAL_CLI): string {
  if (explicit) return explicit;
  if (fs.existsSync(BUILT_CLI)) return BUILT_CLI;
  try {
    return execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
  } catch {
    throw new SetupError(
      'The Temporal CLI is missing: run `npm run temporal:install` (needs Go) or set TEMPORAL_CLI to a temporal binary.',
    );
  }
}
