import type { ConnectionLike } from '@temporalio/client';
import type { Knex } from 'knex';
import { describeError, SetupError, summarizeError } from './describe-error.ts';
import { DeadlineError, probeDatabase, withDeadline } from './probes.ts';
import { checkSearchAttributes, describeSearchAttributeProblem } from './search-attributes.ts';

/** How long a process waits at start for PostgreSQL or Temporal before it gives up and says so. */
const START_DEADLINE_MS = 10_000;

/** The operator's reason, from codes; an error's text is at most matched against, never printed. */
function reason(error: unknown, ms: number): string {
  if (error instanceof DeadlineError) return `no answer within ${Math.round(ms / 1000)} s`;
  const text = error instanceof Error ? error.message : '';
  const d = describeError(error);
  const code = d.code ?? d.cause?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name not found',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    '3D000': 'the database does not exist',
    '28P01': 'the password was refused',
    '28000': 'the connection was refused by the server’s access rules (pg_hba.conf)',
  };
  if (code && known[code]) return known[code];
  // Temporal's gRPC errors carry the cause only in their text; matched against, never printed.
  if (/ECONNREFUSED|Connection refused/i.test(text)) return 'connection refused';
  if (/ENOTFOUND|dns error|failed to lookup/i.test(text)) return 'host name not found';
  return summarizeError(d);
}

/** Where DATABASE_URL points, without its credentials. */
function databaseLocation(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** Stops the start with a message naming DATABASE_URL when PostgreSQL cannot be used. */
export async function requireDatabase(db: Knex, databaseUrl: string, ms = START_DEADLINE_MS): Promise<void> {
  try {
    await probeDatabase(db, ms);
  } catch (error) {
    throw new SetupError(
      `Cannot use the database DATABASE_URL names (${databaseLocation(databaseUrl)}): ${reason(error, ms)}. ` +
        'Check DATABASE_URL and that PostgreSQL is running.',
    );
  }
}

/** `connect()`, bounded, or a message naming TEMPORAL_ADDRESS. */
export async function requireTemporal<T>(
  connect: () => Promise<T>,
  address: string | undefined,
  ms = START_DEADLINE_MS,
): Promise<T> {
  try {
    return await withDeadline(connect(), ms);
  } catch (error) {
    throw new SetupError(
      `Cannot reach Temporal at ${address ?? 'localhost:7233 (the default)'}: ${reason(error, ms)}. ` +
        'Check TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE, TEMPORAL_API_KEY or TLS settings) ' +
        'and that the server is running.',
    );
  }
}

/**
 * Stops the start when the namespace lacks our search attributes: every referral start would fail on them,
 * so the process names them and the command that registers them rather than answer 500s later.
 */
export async function requireSearchAttributes(
  connection: Pick<ConnectionLike, 'operatorService' | 'workflowService' | 'withDeadline'>,
  namespace: string,
  ms = START_DEADLINE_MS,
): Promise<void> {
  let problem: string | undefined;
  try {
    const state = await withDeadline(checkSearchAttributes(connection, namespace), ms);
    problem = describeSearchAttributeProblem(namespace, state);
  } catch (error) {
    if (error instanceof SetupError) throw error;
    throw new SetupError(
      `Cannot check the search attributes of Temporal namespace ${namespace}: ${reason(error, ms)}. ` +
        'Check TEMPORAL_NAMESPACE and that the Temporal credentials may read the namespace.',
    );
  }
  if (problem) throw new SetupError(problem);
}

/**
 * Prints why a process could not start and exits 1: our own words for a SetupError (a config problem
 * list, an unreachable server), an error's code and frames otherwise, never a driver's message.
 */
export function failStart(who: string, error: unknown): never {
  const text = error instanceof SetupError ? error.message : summarizeError(describeError(error));
  console.error(`${who} cannot start.\n${text}`);
  process.exit(1);
}
