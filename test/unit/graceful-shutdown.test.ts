import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitGracefullyOnSignals } from '../../services/graceful-shutdown.ts';
import { createLogger } from '../../services/logger.ts';

const log = createLogger({ level: 'silent' });

function setUp(stop: () => Promise<void>) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  exitGracefullyOnSignals({
    log,
    stop,
    deadlineMs: 1_000,
    exit: (code) => exits.push(code),
    signals: signals as unknown as NodeJS.Process,
  });
  return { signals, exits };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('exit on SIGTERM and SIGINT', () => {
  it.each(['SIGTERM', 'SIGINT'])('stops once, then exits 0 on %s', async (signal) => {
    const stop = vi.fn(async () => undefined);
    const { signals, exits } = setUp(stop);
    signals.emit(signal);
    await vi.waitFor(() => expect(exits).toEqual([0]));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when stopping fails', async () => {
    const { signals, exits } = setUp(() => Promise.reject(new Error('pool would not close')));
    signals.emit('SIGTERM');
    await vi.waitFor(() => expect(exits).toEqual([1]));
  });

  it('exits 1 at once on a second signal, without stopping twice', () => {
    const stop = vi.fn(() => new Promise<void>(() => undefined));
    const { signals, exits } = setUp(stop);
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(exits).toEqual([1]);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when stopping outlasts the deadline', () => {
    vi.useFakeTimers();
    const { signals, exits } = setUp(() => new Promise<void>(() => undefined));
    signals.emit('SIGTERM');
    vi.advanceTimersByTime(999);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(exits).toEqual([1]);
  });
});
