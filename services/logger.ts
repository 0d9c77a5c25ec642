import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { describeError } from './describe-error.ts';

export { describeError, summarizeError } from './describe-error.ts';
export type Log = Logger;
export type { DestinationStream };

/**
 * Structured JSON logs: codes, ids and timings, never values. Errors go under `err` (or `error`) and are
 * reduced by describeError; a message is always the caller's own text, never an error's message.
 */
export function createLogger(options: { destination?: DestinationStream; level?: LoggerOptions['level'] } = {}): Log {
  const settings: LoggerOptions = {
    level: options.level ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: describeError, error: describeError },
    hooks: {
      logMethod(args, method) {
        // pino would take the message from error.message (`log.error(error)`, `log.error({ err })`): never.
        const [first, ...rest] = args as unknown[];
        const message = rest.length > 0 ? rest : ['error'];
        if (first instanceof Error) return method.apply(this, [{ err: first }, ...message] as never);
        const withError = typeof first === 'object' && first !== null && 'err' in first;
        if (withError) return method.apply(this, [first, ...message] as never);
        return method.apply(this, args);
      },
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

let fallback: Log | undefined;
/** The process's stdout logger, for callers that were given none. */
export function defaultLog(): Log {
  fallback ??= createLogger();
  return fallback;
}

/** An uncaught error would otherwise be printed whole by Node, driver message and all. */
export function logCrashes(
  log: Log,
  exit: (code: number) => void = (code) => process.exit(code),
  target: Pick<NodeJS.Process, 'on'> = process,
): void {
  target.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    exit(1);
  });
  target.on('unhandledRejection', (error) => {
    log.fatal({ err: error }, 'unhandled rejection');
    exit(1);
  });
}
