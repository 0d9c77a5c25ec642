import type { Knex } from 'knex';

// The API keeps who a session is (db/queries/sessions.ts findSessionWithMember) in memory for a few
// seconds (services/session-cache.ts). Whatever can change that answer tells it, from the database
// itself, so a change made by any process, a migration or an operator's SQL reaches every API: these
// triggers notify the channel at the end of each statement that changes a table the answer reads.
// A notification is sent at commit, once per transaction however many statements raised it.
//
// Sessions and users are different: every signed-in user's session slides its expiry forward once a
// minute, and every sign-in stamps the user's last sign-in; neither must empty every API's cache.
// Only a change that can end or move a session, or any other change to a user, notifies.

const CHANNEL = 'casebook_session_changes';

/** Notifies once at the end of each statement that does one of `events` on the table. */
const onStatement = (name: string, events: string, table: string) => `
  CREATE TRIGGER ${name} AFTER ${events} ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes()`;

/** Notifies for an updated row only `when` its change matters (OLD and NEW are the row before and after). */
const onRowUpdate = (name: string, table: string, when: string) => `
  CREATE TRIGGER ${name} AFTER UPDATE ON ${table}
  FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION notify_session_changes()`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION notify_session_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${CHANNEL}', '');
      RETURN NULL;
    END $$`);
  for (const table of ['memberships', 'organisations', 'shares', 'hierarchy_closure']) {
    await knex.raw(onStatement(`${table}_notify_session_changes`, 'UPDATE OR DELETE OR TRUNCATE', table));
  }
  // A new membership, share or closure pair widens what someone sees; a new user or organisation
  // is in no session yet.
  for (const table of ['memberships', 'shares', 'hierarchy_closure']) {
    await knex.raw(onStatement(`${table}_insert_notifies_session_changes`, 'INSERT', table));
  }
  // Every sign-in stamps the user's last_login_at: that alone must not empty every cache either.
  await knex.raw(onStatement('users_end_notifies_session_changes', 'DELETE OR TRUNCATE', 'users'));
  await knex.raw(
    onRowUpdate(
      'users_change_notifies_session_changes',
      'users',
      `(to_jsonb(OLD) - 'last_login_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_login_at' - 'updated_at')`,
    ),
  );
  await knex.raw(onStatement('sessions_end_notifies_session_changes', 'DELETE OR TRUNCATE', 'sessions'));
  await knex.raw(
    onRowUpdate(
      'sessions_change_notifies_session_changes',
      'sessions',
      `NEW.expires_at < OLD.expires_at
        OR NEW.user_id IS DISTINCT FROM OLD.user_id
        OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
        OR NEW.two_factor_pending IS DISTINCT FROM OLD.two_factor_pending`,
    ),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION notify_session_changes() CASCADE');
}
