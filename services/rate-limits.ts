import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { CONNECT_TIMEOUT_MS } from '../db/connection.ts';
import { AppError } from '../domain/errors.ts';

/**
 * Throttles on sign-in and on the anonymous account forms, per account and per
 * address. Shared through PostgreSQL when there is a server (so every API
 * instance counts together); in memory on the embedded database, which is
 * always a single process.
 */
export type RateLimits = {
  /** Consumes one attempt for each key; throws a 429 AppError when any is spent. */
  consume(kind: LimitKind, keys: string[]): Promise<void>;
  /** Throws a 429 AppError when the failures counted for the key have reached the limit; counts nothing. */
  refuseIfSpent(kind: FailureKind, key: string): Promise<void>;
  /** Counts one failure for the key (the attempt itself has already been answered). */
  countFailure(kind: FailureKind, key: string): Promise<void>;
  close(): Promise<void>;
};

/** Limits on attempts, each attempt counting. */
type LimitKind = 'sign-in-account' | 'sign-in-ip' | 'account-form-ip' | 'password-check-ip';
/** Limits on failures only: a success costs nothing. */
type FailureKind = 'sign-in-failures-ip' | 'account-failures';

const POLICIES: Record<LimitKind | FailureKind, { points: number; duration: number }> = {
  'sign-in-account': { points: 10, duration: 15 * 60 },
  'sign-in-ip': { points: 50, duration: 15 * 60 },
  'account-form-ip': { points: 20, duration: 15 * 60 },
  // Wrong passwords from one address. A whole department may sign in through one
  // proxy each morning, so successes are free and the limit is sized for an
  // office's typing mistakes (a few hundred people, some mistyping once or twice);
  // guessing across usernames from one address still stops after 100 tries, and
  // each username locks after 3 anyway.
  'sign-in-failures-ip': { points: 100, duration: 15 * 60 },
  // Wrong second-factor codes or current passwords for one account: guessing stops, a user signing in often does not.
  'account-failures': { points: 10, duration: 15 * 60 },
  // One check per pause in typing, from offices that may share one address: generous.
  'password-check-ip': { points: 600, duration: 15 * 60 },
};

function tooMany(msBeforeNext: number): AppError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  const wait = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new AppError('TOO_MANY_REQUESTS', `Too many attempts. Wait ${wait} and try again.`);
}

export function createRateLimits(options: {
  databaseUrl: string | undefined;
  scale?: number;
  namespace?: string;
}): RateLimits {
  const pool = options.databaseUrl
    ? new pg.Pool({ connectionString: options.databaseUrl, max: 2, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
    : undefined;
  const limiters = Object.fromEntries(
    Object.entries(POLICIES).map(([kind, p]) => {
      const points = Math.ceil(p.points * (options.scale ?? 1));
      const limiter: RateLimiterAbstract = pool
        ? new RateLimiterPostgres({
            storeClient: pool,
            storeType: 'pool',
            tableName: 'rate_limits',
            tableCreated: true,
            keyPrefix: `${options.namespace ?? ''}${kind}`,
            points,
            duration: p.duration,
          })
        : new RateLimiterMemory({ keyPrefix: kind, points, duration: p.duration });
      return [kind, limiter];
    }),
  ) as Record<LimitKind | FailureKind, RateLimiterAbstract>;

  return {
    async consume(kind, keys) {
      for (const key of keys) {
        try {
          await limiters[kind].consume(key.toLowerCase());
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          throw tooMany(error.msBeforeNext);
        }
      }
    },
    async refuseIfSpent(kind, key) {
      const limiter = limiters[kind];
      const spent = await limiter.get(key.toLowerCase());
      if (spent && spent.consumedPoints >= limiter.points) throw tooMany(spent.msBeforeNext);
    },
    async countFailure(kind, key) {
      try {
        await limiters[kind].consume(key.toLowerCase());
      } catch (error) {
        // Over the limit already: the next attempt is refused by refuseIfSpent.
        if (!(error instanceof RateLimiterRes)) throw error;
      }
    },
    close: async () => {
      await pool?.end();
    },
  };
}
