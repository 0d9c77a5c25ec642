import type { Knex } from 'knex';
import type { AppointmentType } from '../../domain/appointments.ts';
import type { ActionStatus } from '../../domain/statuses.ts';

/** Appointments on a questionnaire that requires one: the same statuses and rules as a referral's actions. */
export type QuestionnaireActionRow = {
  id: string;
  questionnaireId: string;
  scheduledAt: Date;
  status: ActionStatus;
  appointmentType: AppointmentType | null;
  place: string | null;
  rebookedFromId: string | null;
};

const COLUMNS = ['id', 'questionnaireId', 'scheduledAt', 'status', 'appointmentType', 'place', 'rebookedFromId'];

export async function listQuestionnaireActions(db: Knex, questionnaireId: string): Promise<QuestionnaireActionRow[]> {
  return db('questionnaire_actions')
    .where({ questionnaireId })
    .orderBy([{ column: 'scheduledAt' }, { column: 'createdAt' }])
    .select(COLUMNS);
}

export async function findQuestionnaireAction(
  db: Knex,
  questionnaireId: string,
  id: string,
): Promise<QuestionnaireActionRow | undefined> {
  return db('questionnaire_actions').where({ questionnaireId, id }).first(COLUMNS);
}

/** Books one; an open appointment at the same time already is a form sent twice: false. */
export async function insertQuestionnaireAction(
  db: Knex,
  row: Omit<QuestionnaireActionRow, 'status'> & { createdBy: string },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    await trx('questionnaires').where({ id: row.questionnaireId }).forUpdate().select('id');
    const twin = await trx('questionnaire_actions')
      .where({ questionnaireId: row.questionnaireId, scheduledAt: row.scheduledAt, status: 'open' })
      .first('id');
    if (twin) return false;
    await trx('questionnaire_actions').insert(row);
    return true;
  });
}

export async function deleteQuestionnaireAction(db: Knex, id: string): Promise<void> {
  await db('questionnaire_actions').where({ id }).delete();
}

/** Moves an open action; false when it was not open any more. */
export async function moveQuestionnaireAction(db: Knex, id: string, status: ActionStatus): Promise<boolean> {
  return (
    (await db('questionnaire_actions').where({ id, status: 'open' }).update({ status, updatedAt: db.fn.now() })) === 1
  );
}

export async function reopenQuestionnaireAction(db: Knex, id: string): Promise<void> {
  await db('questionnaire_actions').where({ id }).update({ status: 'open' });
}
