import type { Knex } from 'knex';

// Whose cases a manager sees (db/queries/visibility.ts) includes everyone below them in their
// organisation's hierarchy. Walking memberships.manager_id for that on every request cost the top of a
// 1,100-person hierarchy about 3 ms, one index lookup per person below; this table holds every (manager,
// person somewhere below them) pair of an organisation, so the same answer is one index range.
//
// Triggers on memberships keep it: every path that adds, moves or removes a member writes memberships
// (registration, user administration, provisioning, the bench's COPY), so none can bypass it. An
// organisation's pairs are rebuilt whole when its hierarchy changes (a few thousand members at most: a few
// milliseconds, and hierarchies change rarely), under a lock per organisation taken before reading, so two
// changes at once cannot each rebuild from a view that lacks the other's.

const REBUILD = `
  CREATE FUNCTION rebuild_hierarchy_closure(org uuid) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('hierarchy_closure:' || org::text, 0));
    DELETE FROM hierarchy_closure WHERE organisation_id = org;
    INSERT INTO hierarchy_closure (organisation_id, ancestor_id, descendant_id)
    WITH RECURSIVE below (ancestor_id, descendant_id) AS (
      SELECT manager_id, user_id FROM memberships WHERE organisation_id = org AND manager_id IS NOT NULL
      UNION
      SELECT b.ancestor_id, m.user_id FROM below b
      JOIN memberships m ON m.organisation_id = org AND m.manager_id = b.descendant_id
    )
    SELECT org, ancestor_id, descendant_id FROM below;
  END $$`;

// One function per statement kind, each given the organisations the statement touched; taken in id
// order, so two statements touching the same organisations cannot wait on each other's locks.
const ON_CHANGE = (name: string, orgs: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM rebuild_hierarchy_closure(org) FROM (${orgs} ORDER BY 1) touched (org)
    WHERE EXISTS (SELECT 1 FROM organisations WHERE id = org);
    RETURN NULL;
  END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE hierarchy_closure (
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      ancestor_id uuid NOT NULL,
      descendant_id uuid NOT NULL,
      PRIMARY KEY (organisation_id, ancestor_id, descendant_id)
    )`);
  await knex.raw(REBUILD);
  await knex.raw(ON_CHANGE('hierarchy_closure_inserted', 'SELECT DISTINCT organisation_id FROM added'));
  await knex.raw(ON_CHANGE('hierarchy_closure_deleted', 'SELECT DISTINCT organisation_id FROM removed'));
  // Only a move changes the hierarchy: a new manager or another organisation (permissions, status and
  // the rest do not).
  await knex.raw(
    ON_CHANGE(
      'hierarchy_closure_updated',
      `SELECT DISTINCT unnest(ARRAY[o.organisation_id, n.organisation_id]) FROM before o JOIN after n ON n.id = o.id
       WHERE o.manager_id IS DISTINCT FROM n.manager_id OR o.organisation_id <> n.organisation_id`,
    ),
  );
  await knex.raw(`
    CREATE TRIGGER hierarchy_closure_on_insert AFTER INSERT ON memberships
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hierarchy_closure_inserted()`);
  await knex.raw(`
    CREATE TRIGGER hierarchy_closure_on_delete AFTER DELETE ON memberships
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION hierarchy_closure_deleted()`);
  await knex.raw(`
    CREATE TRIGGER hierarchy_closure_on_update AFTER UPDATE ON memberships
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION hierarchy_closure_updated()`);
  await knex.raw(`
    CREATE FUNCTION hierarchy_closure_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE hierarchy_closure;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER hierarchy_closure_on_truncate AFTER TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION hierarchy_closure_truncated()`);
  await knex.raw('SELECT rebuild_hierarchy_closure(id) FROM organisations ORDER BY id');
}

export async function down(knex: Knex): Promise<void> {
  for (const event of ['insert', 'delete', 'update', 'truncate'])
    await knex.raw(`DROP TRIGGER hierarchy_closure_on_${event} ON memberships`);
  for (const fn of ['inserted', 'deleted', 'updated', 'truncated'])
    await knex.raw(`DROP FUNCTION hierarchy_closure_${fn}()`);
  await knex.raw('DROP FUNCTION rebuild_hierarchy_closure(uuid)');
  await knex.raw('DROP TABLE hierarchy_closure');
}
