import type { Knex } from 'knex';

// The API keeps who a session is (db/queries/sessions.ts findSessionWithMember) in memory for a few
// seconds (services/session-cache.ts). Whatever can change that answer tells it, from the database
// itself, so a change made by any process, a migration or an operator's SQL reaches every API: these
// triggers notify the channel at the end of each statement that changes a table the answer reads.
// A notification is sent at commit, once per transaction however many statements raised it.
//
// Sessions are different: every signed-in user's session slides its expiry forward once a minute,
// and that must not empty every API's cache; only a change that can end or move a session notifies.

const CHANNEL = 'casebook_session_changes';

const TABLES = ['users', 'memberships', 'organisations', 'shares', 'hierarchy_closure'];

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
