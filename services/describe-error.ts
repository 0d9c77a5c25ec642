import { AppError } from '../domain/errors.ts';

/**
 * What may be written down about an error: codes, schema names and code locations, never values.
 * A driver's message, detail, where and hint carry statement parameters and row contents (health
 * details, names), so they are never read; knex even copies the SQL and its bindings into `message`.
 */
export type ErrorDescription = {
  name: string;
  /** Set for an error PostgreSQL raised. */
  database?: true;
  /** SQLSTATE for a database error, the AppError code, or a Node system error code. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  syscall?: string;
  /** A Temporal failure's type (for our sanitised activity failures, the code again). */
  type?: string;
  nonRetryable?: boolean;
  /** Kept only for engine errors whose wording describes code (see CODE_MESSAGES). */
  message?: string;
  /** Stack frames, without the message line(s). */
  stack?: string[];
  cause?: ErrorDescription;
};

/** Written by us for the operator at start-up (ports, paths, commands), so its message is kept. */
export class SetupError extends Error {
  override name = 'SetupError';
}

const IDENTIFIER = /^[\w$.:-]{1,128}$/;
const MAX_FRAMES = 12;
const FRAME = /^\s+at \S.*:\d+:\d+\)?$/;
const BUILT_IN_FRAME = /^\s+at [\w$.<>[\] ]+ \((native|<anonymous>)\)$/;
const MAX_DEPTH = 3;

/**
 * Engine wording that names code, not data. Other TypeError/RangeError messages can quote values
 * ("Cannot create property 'x' on string '<value>'"), and Node's ERR_* messages print the argument received.
 */
const CODE_MESSAGES = [
  /^Cannot (read|set) properties of (undefined|null) \((reading|setting) '[\w$]{1,64}'\)$/,
  /^[\w$.[\]()]{1,120} is not (a function|a constructor|iterable|defined|async iterable)$/,
  /^Cannot destructure property '[\w$]{1,64}' of '[\w$.()\s]{1,120}' as it is (undefined|null)\.$/,
  /^Cannot access '[\w$]{1,64}' before initialization$/,
  /^Assignment to constant variable\.$/,
  /^Maximum call stack size exceeded$/,
  /^Invalid (time value|array length|string length)$/,
];

/** What describeError returned, so that describing a description (the logger's serializer) keeps it. */
const descriptions = new WeakSet<object>();

export function describeError(error: unknown, depth = 0): ErrorDescription {
  if (typeof error === 'object' && error !== null && descriptions.has(error)) return error as ErrorDescription;
  const description = describe(error, depth);
  descriptions.add(description);
  return description;
}

function describe(error: unknown, depth: number): ErrorDescription {
  if (!(error instanceof Error)) return { name: error === null ? 'null' : typeof error };
  const description: ErrorDescription = { name: safeIdentifier(error.name) ?? 'Error' };
  const fields = error as unknown as Record<string, unknown>;
  // objection wraps driver errors (CheckViolationError...) and keeps the driver's one as nativeError.
  const native = fields.nativeError instanceof Error ? (fields.nativeError as unknown as typeof fields) : fields;

  if (error instanceof AppError) {
    description.code = error.code;
  } else if (isDatabaseError(native)) {
    description.database = true;
    // pg names its DatabaseError "error".
    if (description.name === 'error') description.name = 'DatabaseError';
    for (const key of ['code', 'constraint', 'table', 'column', 'routine'] as const) {
      const value = safeIdentifier(native[key]);
      if (value) description[key] = value;
    }
  } else {
    const code = safeIdentifier(fields.code);
    if (code) description.code = code;
    const syscall = safeIdentifier(fields.syscall);
    if (syscall) description.syscall = syscall;
    const type = safeIdentifier(fields.type);
    if (type) description.type = type;
    if (typeof fields.nonRetryable === 'boolean') description.nonRetryable = fields.nonRetryable;
    if (keepsMessage(error)) description.message = error.message;
  }
  const stack = stackFrames(error);
  if (stack.length > 0) description.stack = stack;
  if (error.cause !== undefined && depth < MAX_DEPTH) description.cause = describeError(error.cause, depth + 1);
  return description;
}

/** One line for a failure's message: "Database error 23514 on table referrals (constraint x)". */
export function summarizeError(d: ErrorDescription): string {
  if (d.database) {
    const on = [d.table && `table ${d.table}`, d.column && `column ${d.column}`].filter(Boolean).join(', ');
    const extra = [d.constraint && `constraint ${d.constraint}`, d.routine && `routine ${d.routine}`]
      .filter(Boolean)
      .join(', ');
    return `Database error ${d.code ?? 'without code'}${on ? ` on ${on}` : ''}${extra ? ` (${extra})` : ''}`;
  }
  const code = d.code ? ` ${d.code}` : '';
  const message = d.message ? `: ${d.message}` : '';
  return `${d.name}${code}${d.syscall ? ` (${d.syscall})` : ''}${message}`;
}

function isDatabaseError(fields: Record<string, unknown>): boolean {
  // pg's and PGlite's DatabaseError: a five-character SQLSTATE with the server's severity.
  return typeof fields.severity === 'string' && typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code);
}

function keepsMessage(error: Error): boolean {
  if (error instanceof SetupError) return true;
  const engine = error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
  // Node's own errors carry a code (ERR_INVALID_ARG_TYPE...) and quote the value they were given.
  if (!engine || 'code' in error) return false;
  return CODE_MESSAGES.some((pattern) => pattern.test(error.message));
}

function safeIdentifier(value: unknown): string | undefined {
  return typeof value === 'string' && IDENTIFIER.test(value) ? value : undefined;
}

/** The "    at fn (file:line:col)" lines only: the header is "Name: message", and a message may span lines. */
function stackFrames(error: Error): string[] {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const header = `${String(error.name)}: ${String(error.message)}`;
  // Cut the header off by its exact text first, so a message line shaped like a frame cannot slip through.
  const body = stack.startsWith(header) ? stack.slice(header.length) : stack;
  return body
    .split('\n')
    .filter((line) => FRAME.test(line) || BUILT_IN_FRAME.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim());
}
