import { EventEmitter } from 'node:events';
import type { Knex } from 'knex';

/**
 * The channel the triggers of migration 20261204000400 notify when who a session is may have
 * changed: a user, membership, organisation, share or hierarchy pair changed, or a session ended or
 * moved. services/session-cache.ts empties itself on every notification.
 */
const SESSION_CHANGES_CHANNEL = 'casebook_session_changes';
const LISTEN = `LISTEN ${SESSION_CHANGES_CHANNEL}`;
const RECONNECT_MS = 1_000;
/** The application_name of the watch's own connection. */
export const WATCH_NAME = 'casebook-session-changes';

/** The part of a pg client used here. */
type Listener = {
  on(event: 'notification', fn: (n: { channel: string }) => void): void;
  on(event: 'error' | 'end', fn: () => void): void;
  query(sql: string, callback?: (error: Error | null) => void): unknown;
};

const feeds = new WeakMap<Knex, EventEmitter>();

/**
 * For createDb: a pool connection listens from its start. PostgreSQL hands a backend its own
 * notifications before it answers the COMMIT (or the statement, outside a transaction), so a change
 * this process makes is heard before the code that made it goes on: the request that signs a user
 * out, unshares or disables someone has emptied the cache before it answers.
 */
export function sessionChangesFeed(): {
  afterCreate: (connection: Listener, done: (error: Error | null, connection: Listener) => void) => void;
  attach: (db: Knex) => void;
} {
  const feed = new EventEmitter();
  return {
    afterCreate(connection, done) {
      connection.on('notification', (n) => {
        if (n.channel === SESSION_CHANGES_CHANNEL) feed.emit('change');
      });
      connection.query(LISTEN, (error) => done(error, connection));
    },
    attach: (db) => feeds.set(db, feed),
  };
}

export type SessionChangesWatch = {
  /** True while the watch's own connection is listening, so no change can go unheard. */
  isListening(): boolean;
  close(): Promise<void>;
};

/**
 * Calls onChange on every notification, heard on the pool's connections (this process's own
 * changes, at once) and on a connection of the watch's own, which the pool never closes for idling
 * (other processes' changes, a few milliseconds after their commit). Losing that connection is
 * a change too, and so is listening again (anything may have happened unheard between); it
 * reconnects every second until closed.
 * Undefined for a database that cannot notify (the embedded one), so nothing is kept from it.
 */
export function watchSessionChanges(db: Knex, onChange: () => void): SessionChangesWatch | undefined {
  const feed = feeds.get(db);
  if (!feed) return undefined;
  feed.on('change', onChange);
  let own: Listener | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (!closed && !retry) retry = setTimeout(connect, RECONNECT_MS).unref();
  };
  const lost = (connection: Listener) => {
    if (own !== connection) return;
    own = undefined;
    listening = false;
    onChange();
    reconnectLater();
  };
  async function connect() {
    retry = undefined;
    let connection: Listener;
    try {
      connection = (await db.client.acquireRawConnection()) as Listener;
    } catch {
      // Unreachable database: the API answers from PostgreSQL (or with its own 503) meanwhile.
      return reconnectLater();
    }
    if (closed) return void db.client.destroyRawConnection(connection).catch(() => {});
    own = connection;
    connection.on('notification', (n) => {
      if (n.channel === SESSION_CHANGES_CHANNEL) onChange();
    });
    connection.on('error', () => lost(connection));
    connection.on('end', () => lost(connection));
    // Named, so an operator can tell it in pg_stat_activity (and a test can end it).
    connection.query(`SET application_name = '${WATCH_NAME}'; ${LISTEN}`, (error) => {
      if (error) return lost(connection);
      if (own !== connection) return;
      // What changed before now went unheard: anything loaded meanwhile is not to be kept.
      onChange();
      listening = true;
    });
  }
  void connect();

  return {
    isListening: () => listening,
    async close() {
      closed = true;
      clearTimeout(retry);
      feed.off('change', onChange);
      const connection = own;
      own = undefined;
      listening = false;
      if (connection) await db.client.destroyRawConnection(connection).catch(() => {});
    },
  };
}
