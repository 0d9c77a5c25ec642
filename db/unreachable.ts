/**
 * Whether an error means PostgreSQL could not be reached or went away, rather than refusing a statement:
 * the API answers those with a 503 to retry, not a 500. Codes are read; a message is only matched against.
 */

/** Node's codes for a server that does not answer or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** SQLSTATEs of a server shutting down, starting up or full; class 08 is every connection exception. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's wording for a connection lost or never made within connectionTimeoutMillis (it sets no code). */
const LOST = /Connection terminated|timeout exceeded when trying to connect/i;

const MAX_DEPTH = 3;

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return false;
  // knex's pool waited acquireConnectionTimeout for a connection.
  if (error.name === 'KnexTimeoutError') return true;
  const fields = error as unknown as Record<string, unknown>;
  const code = typeof fields.code === 'string' ? fields.code : '';
  if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (LOST.test(error.message)) return true;
  // objection keeps the driver's error as nativeError; connecting to a name with several addresses fails as an
  // AggregateError.
  const inner = [fields.nativeError, error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return inner.some((e) => isDatabaseUnreachable(e, depth + 1));
}
