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

const TABLES = ['memberships', 'organisations', 'shares', 'hierarchy_closure'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION notify_session_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${CHANNEL}', '');
      RETURN NULL;
    END $$`);
  for (const table of TABLES) {
    await knex.raw(`
      CREATE TRIGGER ${table}_notify_session_changes
      AFTER UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes()`);
  }
  // Every sign-in stamps the user's last_login_at: that alone must not empty every cache either.
  await knex.raw(`
    CREATE TRIGGER users_end_notifies_session_changes
    AFTER DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes()`);
  await knex.raw(`
    CREATE TRIGGER users_change_notifies_session_changes
    AFTER UPDATE ON users FOR EACH ROW
    WHEN ((to_jsonb(OLD) - 'last_login_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_login_at' - 'updated_at'))
    EXECUTE FUNCTION notify_session_changes()`);
  // A new membership, share or closure pair widens what someone sees; a new user or organisation
  // is in no session yet.
  for (const table of ['memberships', 'shares', 'hierarchy_closure']) {
    await knex.raw(`
      CREATE TRIGGER ${table}_insert_notifies_session_changes
      AFTER INSERT ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes()`);
  }
  await knex.raw(`
    CREATE TRIGGER sessions_end_notifies_session_changes
    AFTER DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_session_changes()`);
  await knex.raw(`
    CREATE TRIGGER sessions_change_notifies_session_changes
    AFTER UPDATE ON sessions FOR EACH ROW
    WHEN (NEW.expires_at < OLD.expires_at
      OR NEW.user_id IS DISTINCT FROM OLD.user_id
      OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
      OR NEW.two_factor_pending IS DISTINCT FROM OLD.two_factor_pending)
    EXECUTE FUNCTION notify_session_changes()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION notify_session_changes() CASCADE');
}
