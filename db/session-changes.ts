import { randomUUID } from 'node:crypto';
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
/** How often the watch proves it still hears, and how long it waits to hear its proof. */
const PROBE_EVERY_MS = 5_000;
const PROBE_HEARD_WITHIN_MS = 2_000;
/** A probe's payload; the triggers' notifications carry none. */
const PROBE = 'probe:';
/** The application_name of the watch's own connection. */
export const WATCH_NAME = 'casebook-session-changes';

/** The part of a pg client used here. */
type Listener = {
  on(event: 'notification', fn: (n: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', fn: () => void): void;
  query(sql: string, callback?: (error: Error | null) => void): unknown;
};

const feeds = new WeakMap<Knex, EventEmitter>();

/** Any notification on the channel but a probe: one sent by hand is taken as a change too. */
const isChange = (n: { channel: string; payload?: string }) =>
  n.channel === SESSION_CHANGES_CHANNEL && !n.payload?.startsWith(PROBE);

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
        if (isChange(n)) feed.emit('change');
      });
      connection.query(LISTEN, (error) => done(error, connection));
    },
    attach: (db) => feeds.set(db, feed),
  };
}

export type SessionChangesWatch = {
  /** True while the watch has lately heard its own probe, so no change can have gone unheard. */
  isListening(): boolean;
  close(): Promise<void>;
};

/**
 * Calls onChange on every notification, heard on the pool's connections (this process's own
 * changes, at once) and on a connection of the watch's own, which the pool never closes for idling
 * (other processes' changes, a few milliseconds after their commit).
 *
 * It counts as listening only while it hears: every few seconds it notifies a probe through the
 * pool and must hear it back on its own connection within two seconds. A connection that ends, fails
 * or goes silent (a network that drops packets without closing) is a change (anything may have gone
 * unheard), and so is hearing again; it reconnects every second until closed.
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
  let probe: { payload: string; timer: NodeJS.Timeout } | undefined;

  const reconnectLater = () => {
    if (!closed && !retry) retry = setTimeout(connect, RECONNECT_MS).unref();
  };
  const lost = (connection: Listener) => {
    if (own !== connection) return;
    own = undefined;
    listening = false;
    clearTimeout(probe?.timer);
    probe = undefined;
    onChange();
    void db.client.destroyRawConnection(connection).catch(() => {});
    reconnectLater();
  };
  const sendProbe = (connection: Listener) => {
    const payload = `${PROBE}${randomUUID()}`;
    probe = { payload, timer: setTimeout(() => lost(connection), PROBE_HEARD_WITHIN_MS).unref() };
    // A probe that cannot be sent is not heard, which is what counts.
    db.raw('select pg_notify(?, ?)', [SESSION_CHANGES_CHANNEL, payload]).catch(() => {});
  };
  const heartbeat = setInterval(() => {
    if (own && !probe) sendProbe(own);
  }, PROBE_EVERY_MS).unref();

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
      if (n.channel !== SESSION_CHANGES_CHANNEL) return;
      if (probe && n.payload === probe.payload) {
        clearTimeout(probe.timer);
        probe = undefined;
        if (!listening) {
          // What changed before now went unheard: anything loaded meanwhile is not to be kept.
          onChange();
          listening = true;
        }
      } else if (isChange(n)) onChange();
    });
    connection.on('error', () => lost(connection));
    connection.on('end', () => lost(connection));
    // Named, so an operator can tell it in pg_stat_activity (and a test can end it).
    connection.query(`SET application_name = '${WATCH_NAME}'; ${LISTEN}`, (error) => {
      if (error) lost(connection);
      else if (own === connection) sendProbe(connection);
    });
  }
  void connect();

  return {
    isListening: () => listening,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      clearTimeout(probe?.timer);
      feed.off('change', onChange);
      const connection = own;
      own = undefined;
      listening = false;
      if (connection) await db.client.destroyRawConnection(connection).catch(() => {});
    },
  };
}
