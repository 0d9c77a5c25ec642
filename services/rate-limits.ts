import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
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
  close(): Promise<void>;
};

export type LimitKind = 'sign-in-account' | 'sign-in-ip' | 'account-form-ip' | 'password-check-ip';

const POLICIES: Record<LimitKind, { points: number; duration: number }> = {
  // Lockout after 3 wrong passwords is the account rule; this stops guessing across accounts.
  'sign-in-account': { points: 10, duration: 15 * 60 },
  'sign-in-ip': { points: 50, duration: 15 * 60 },
  'account-form-ip': { points: 20, duration: 15 * 60 },
  // One check per pause in typing, from offices that may share one address: generous.
  'password-check-ip': { points: 600, duration: 15 * 60 },
};

export function createRateLimits(options: { databaseUrl: string | undefined; scale?: number; namespace?: string }): RateLimits {
  const pool = options.databaseUrl ? new pg.Pool({ connectionString: options.databaseUrl, max: 2 }) : undefined;
  const limiters = Object.fromEntries(
    Object.entries(POLICIES).map(([kind, p]) => {
      const points = Math.ceil(p.points * (options.scale ?? 1));
      const limiter: RateLimiterAbstract = pool
        ? new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, keyPrefix: `${options.namespace ?? ''}${kind}`, points, duration: p.duration })
        : new RateLimiterMemory({ keyPrefix: kind, points, duration: p.duration });
      return [kind, limiter];
    }),
  ) as Record<LimitKind, RateLimiterAbstract>;

  return {
    async consume(kind, keys) {
      for (const key of keys) {
        try {
          await limiters[kind].consume(key.toLowerCase());
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
          throw new AppError('TOO_MANY_REQUESTS', `Too many attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`);
        }
      }
    },
    close: async () => {
      await pool?.end();
    },
  };
}
