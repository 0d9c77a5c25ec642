import { makeTelemetryFilterString, Runtime, type Logger, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { describeError, type Log } from '../services/logger.ts';

/**
 * Ids and timings the SDK attaches to its log lines. Anything else (activity or workflow arguments,
 * results, a failure's text from the native core, the activity's task token) is left out.
 */
const KEPT = new Set([
  'sdkComponent',
  'namespace',
  'taskQueue',
  'workflowId',
  'workflowRunId',
  'runId',
  'run_id',
  'workflowType',
  'activityId',
  'activityType',
  'activityRunId',
  'attempt',
  'isLocal',
  'durationMs',
  'target',
]);
const ERROR_KEYS = new Set(['error', 'err', 'failure']);

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

/**
 * Temporal's Logger over pino, from `minLevel` up (worker internals only when something is wrong).
 * `log` may be a function, read at each line, so a test can point it elsewhere.
 */
export function temporalLogger(log: Log | (() => Log), minLevel: LogLevel = 'WARN'): Logger {
  const target = typeof log === 'function' ? log : () => log;
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    if ((RANK[level] ?? RANK.WARN) < RANK[minLevel]) return;
    target()[LEVELS[level] ?? 'warn'](safeMeta(meta), message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

function safeMeta(meta: LogMetadata | undefined): Record<string, unknown> {
  const safe: Record<string, unknown> = { component: 'temporal' };
  for (const [key, value] of Object.entries(meta ?? {})) {
    if (ERROR_KEYS.has(key)) safe.err = describeError(value);
    else if (KEPT.has(key) && ['string', 'number', 'boolean'].includes(typeof value)) safe[key] = value;
  }
  return safe;
}

/**
 * Installs the process's Temporal runtime with its log lines, the native core's included (WARN and up),
 * going through `log`. Once per process: the SDK refuses a second call.
 */
export function installTemporalRuntime(log: Log | (() => Log)): void {
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'WARN' }), forward: {} } },
    // Signals are the entry point's to handle (drain, close pools, exit with a code), not the SDK's.
    shutdownSignals: [],
  });
}
