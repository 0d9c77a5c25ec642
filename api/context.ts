import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Actor, Permission } from '../domain/permissions.ts';
import type { Viewer } from '../domain/visibility.ts';
import type { Log } from '../services/logger.ts';
import type { RateLimits } from '../services/rate-limits.ts';
import type { SessionCache } from '../services/session-cache.ts';
import type { TrustProxy } from '../services/trusted-proxies.ts';
import type { Durations } from '../temporal.config.ts';

export type AppDeps = {
  db: Knex;
  temporal: Client;
  limits: RateLimits;
  /** Structured logs without values; stdout when not given. */
  log?: Log;
  /** Who recent sessions are, kept between requests; each request asks PostgreSQL when not given. */
  sessionCache?: SessionCache;
  settings: {
    taskQueue: string;
    publicUrl: string;
    cookieSecure: boolean;
    /** The built portal, served at / when present. */
    webDist?: string;
    /** Shortened in tests; production defaults come from temporal.config.ts. */
    durations?: Partial<Durations>;
    /** Signs bot-check challenges. */
    secret: string;
    /** AES-256-GCM key for documents at rest. */
    documentKey?: Buffer;
    /** Which proxies may name the client in X-Forwarded-For (TRUST_PROXY); none when unset. */
    trustProxy?: TrustProxy;
    /** Tests only: a pause between a new referral's run and its row, for a test to kill the process there. */
    testPauseBeforeReferralRowMs?: number;
  };
};

type CurrentUser = {
  id: string;
  username: string;
  title: string | null;
  firstName: string;
  surname: string;
  email: string;
  jobTitle: string | null;
  telephone: string | null;
  workAddress: string | null;
  workPostcode: string | null;
};

type CurrentOrganisation = {
  id: string;
  code: string;
  name: string;
  isProvider: boolean;
  myAccountEnabled: boolean;
  requiresTwoFactor: boolean;
};

export type AuthContext = {
  sessionToken: string;
  sessionExpiresAt: Date;
  user: CurrentUser;
  organisation: CurrentOrganisation;
  membership: {
    locationId: string | null;
    divisionId: string | null;
    departmentId: string | null;
    permissions: Permission[];
  };
  actor: Actor;
  viewer: Viewer;
  twoFactorEnabled: boolean;
  /** The organisation requires a second factor and the user has none yet. */
  twoFactorSetupRequired: boolean;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    auth: AuthContext | null;
    /** Password accepted, second factor still owed. */
    pendingTwoFactor: { token: string; userId: string } | null;
    requestId: string;
  };
};
