import type { Knex } from 'knex';
import { migrationSource } from './migrations/index.ts';
import { BUILT_IN_FORMS } from './reference-data/form-types.ts';
import { BUILT_IN_QUESTIONNAIRES } from './reference-data/questionnaire-types.ts';

/** Brings the schema up to date and upserts the built-in reference data. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  await syncReferenceData(db);
  return applied;
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}

async function syncReferenceData(db: Knex): Promise<void> {
  for (const form of BUILT_IN_FORMS) {
    await db('form_types')
      .insert({ key: form.key, name: form.name, definition: JSON.stringify(form) })
      .onConflict('key')
      .merge(['name', 'definition', 'updatedAt']);
  }
  for (const questionnaire of BUILT_IN_QUESTIONNAIRES) {
    await db('questionnaire_types')
      .insert({ key: questionnaire.key, name: questionnaire.name, definition: JSON.stringify(questionnaire) })
      .onConflict('key')
      .merge(['name', 'definition', 'updatedAt']);
  }
}
