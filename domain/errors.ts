/**
 * One error type for everything a person can act on. The API maps `code` to an
 * HTTP status in one place; `message` is shown to the user as it is, so it must
 * never carry internals.
 */
const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  LOCKED: 423,
  NOT_ACTIVATED: 403,
  TWO_FACTOR_REQUIRED: 403,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: AppErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

/** What a person is told while PostgreSQL or Temporal cannot be reached. */
export const UNAVAILABLE_MESSAGE = 'The service is busy or briefly unavailable. Try again in a minute.';

/**
 * PostgreSQL or Temporal did not answer in time. Not a bug, so a 503 the person can retry (every step
 * is idempotent or refused once done), logged with the dependency and the cause's codes.
 */
export class ServiceUnavailableError extends AppError {
  constructor(
    readonly dependency: 'database' | 'temporal',
    cause?: unknown,
  ) {
    super('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE);
    this.name = 'ServiceUnavailableError';
    this.cause = cause;
  }
}
