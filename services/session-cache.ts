import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import type { ActiveMember } from '../db/queries/memberships.ts';
import { watchSessionChanges } from '../db/session-changes.ts';
import type { SessionRecord } from './sessions.ts';

/** A signed-in session and who it is, as the session query found them. */
type KnownSession = { session: SessionRecord; member: ActiveMember };

/**
 * Who each recently used session is, kept in this process so a request does not ask PostgreSQL
 * again (the session query was half of a list page's time around its own SQL for most users).
 * Safe because the database says when any of it changes (db/session-changes.ts): every
 * notification empties the whole cache, and while the watch cannot listen nothing is kept or
 * answered. A change this process commits is heard before the request that made it answers; one
 * committed by another process, a few milliseconds after its commit. The time limit is only a
 * backstop.
 */
export type SessionCache = {
  /** The session by its id (the token's hash), when known and the watch is listening. */
  get(id: string): KnownSession | undefined;
  /** Where the cache's state is now: read before loading a session, passed to remember. */
  version(): number;
  /** Keeps what was loaded since `version`, unless a change was heard since (it may predate it). */
  remember(id: string, known: KnownSession, version: number): void;
  /** Whether the cache is in use: its watch is listening. */
  listening(): boolean;
  close(): Promise<void>;
};

const KEEP_MS = 30_000;
/** Bounded by the owners held (the top of a large hierarchy sees a thousand), not the sessions. */
const MAX_OWNER_IDS = 200_000;

export function createSessionCache(db: Knex): SessionCache {
  const known = new LRUCache<string, KnownSession>({
    maxSize: MAX_OWNER_IDS,
    sizeCalculation: (k) => k.member.visibleOwnerIds.length + 1,
    ttl: KEEP_MS,
  });
  let changes = 0;
  const watch = watchSessionChanges(db, () => {
    changes += 1;
    known.clear();
  });
  const listening = () => watch?.isListening() ?? false;
  return {
    get: (id) => (listening() ? known.get(id) : undefined),
    version: () => changes,
    remember(id, session, version) {
      if (version === changes && listening()) known.set(id, session);
    },
    listening,
    close: async () => {
      known.clear();
      await watch?.close();
    },
  };
}
