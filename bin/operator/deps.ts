import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Durations } from '../../temporal.config.ts';

/** What the operator's commands run against: bin/casebook.ts builds it from the environment, tests from theirs. */
export type OperatorDeps = {
  db: Knex;
  /** Connected on first use: only invitations need it. */
  temporal(): Promise<Client>;
  /** Where `search-attributes register` connects, on a connection of its own. */
  temporalConfig: { address: string | undefined; namespace: string };
  settings: { taskQueue: string; durations?: Partial<Durations> };
  out(line: string): void;
  err(line: string): void;
};

/** The audit log's actor for the operator: nobody signed in, no request address. */
export const OPERATOR = { actorId: null, ip: null } as const;
