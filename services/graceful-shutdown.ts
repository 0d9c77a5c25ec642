import type { Log } from './logger.ts';

/** Within Kubernetes' default 30 s grace period, so our own exit code is the one recorded. */
const SHUTDOWN_DEADLINE_MS = 25_000;

export type ShutdownOptions = {
  log: Log;
  /** Stops the process's work in order (stop accepting, finish what is running, close pools). */
  stop: () => Promise<void>;
  deadlineMs?: number;
  exit?: (code: number) => void;
  signals?: Pick<NodeJS.Process, 'on'>;
};

/**
 * SIGTERM (Docker, Kubernetes, systemd) or SIGINT (Ctrl-C): stop, then exit 0; exit 1 if stopping
 * fails, takes past the deadline, or a second signal says not to wait.
 */
export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  const { log, stop, deadlineMs = SHUTDOWN_DEADLINE_MS } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    log.info({ signal, deadlineMs }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ deadlineMs }, 'shutdown deadline passed: exiting without waiting');
      exit(1);
    }, deadlineMs);
    stop().then(
      () => {
        clearTimeout(timer);
        log.info('stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  const target = options.signals ?? process;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) target.on(signal, () => onSignal(signal));
}
