import type { Knex } from 'knex';
import type { QuestionnaireOutcome, QuestionnaireStatus } from '../../domain/questionnaire-statuses.ts';
import type { QuestionnaireDefinition } from '../../domain/questionnaires.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { sharersToNotify } from './shares.ts';
import { applyVisibility } from './visibility.ts';

/** The questionnaires an organisation may request, by name. */
export async function listOrganisationQuestionnaireTypes(
  db: Knex,
  organisationId: string,
): Promise<{ key: string; name: string }[]> {
  return db('questionnaire_types as t')
    .join('organisation_questionnaire_types as o', 'o.questionnaire_type_id', 't.id')
    .where('o.organisation_id', organisationId)
    .orderBy('t.name')
    .select('t.key', 't.name');
}

export type OrganisationQuestionnaireType = {
  id: string;
  key: string;
  name: string;
  definition: QuestionnaireDefinition;
};

/** One questionnaire type by key, if the organisation may request it. */
export async function findOrganisationQuestionnaireType(
  db: Knex,
  organisationId: string,
  key: string,
): Promise<OrganisationQuestionnaireType | undefined> {
  return db('questionnaire_types as t')
    .join('organisation_questionnaire_types as o', 'o.questionnaire_type_id', 't.id')
    .where({ 't.key': key, 'o.organisation_id': organisationId })
    .first('t.id', 't.key', 't.name', 't.definition');
}

export type QuestionnaireRecord = {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationCode: string;
  typeKey: string;
  typeName: string;
  definition: QuestionnaireDefinition;
  authorId: string;
  ownerId: string;
  ownerName: string;
  status: QuestionnaireStatus;
  employeeFirstName: string;
  employeeSurname: string;
  employeeJobTitle: string;
  employeeEmail: string;
  outcome: QuestionnaireOutcome | null;
  referralId: string | null;
  sentAt: Date;
  submittedAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const RECORD_COLUMNS = [
  'q.id',
  'q.organisation_id',
  'org.name as organisation_name',
  'org.code as organisation_code',
  't.key as type_key',
  't.name as type_name',
  't.definition',
  'q.author_id',
  'q.owner_id',
  'q.status',
  'q.employee_first_name',
  'q.employee_surname',
  'q.employee_job_title',
  'q.employee_email',
  'q.outcome',
  'q.referral_id',
  'q.sent_at',
  'q.submitted_at',
  'q.completed_at',
  'q.created_at',
  'q.updated_at',
] as const;

const records = (db: Knex) =>
  db('questionnaires as q')
    .join('questionnaire_types as t', 't.id', 'q.questionnaire_type_id')
    .join('organisations as org', 'org.id', 'q.organisation_id')
    .join('users as o', 'o.id', 'q.owner_id')
    .select(...RECORD_COLUMNS, db.raw("o.first_name || ' ' || o.surname as owner_name"));

/** One questionnaire the viewer may see (the one visibility predicate), or undefined. */
export async function findVisibleQuestionnaire(
  db: Knex,
  viewer: Viewer,
  id: string,
): Promise<QuestionnaireRecord | undefined> {
  return applyVisibility(records(db).where('q.id', id), viewer, 'q').first();
}

/** One questionnaire by id, for the workflow's activities and the employee's own pages. */
export async function findQuestionnaire(db: Knex, id: string): Promise<QuestionnaireRecord | undefined> {
  return records(db).where('q.id', id).first();
}

export type NewQuestionnaire = {
  id: string;
  organisationId: string;
  questionnaireTypeId: string;
  authorId: string;
  employeeFirstName: string;
  employeeSurname: string;
  employeeJobTitle: string;
  employeeEmail: string;
};

export async function insertQuestionnaire(db: Knex, q: NewQuestionnaire): Promise<void> {
  await db('questionnaires').insert({ ...q, ownerId: q.authorId, status: 'awaiting_employee' });
  await db('questionnaire_credentials').insert({ questionnaireId: q.id });
}

const STAMP_FOR: Partial<Record<QuestionnaireStatus, 'submittedAt' | 'completedAt'>> = {
  awaiting_review: 'submittedAt',
  completed: 'completedAt',
  referred: 'completedAt',
  expired: 'completedAt',
};

/** A questionnaire whose workflow could not be started: removed, so no row is left without its process. */
export async function deleteQuestionnaire(db: Knex, id: string): Promise<void> {
  await db('questionnaires').where({ id }).delete();
}

/** The employee was sent a link (first, resend or return) now. */
export async function stampQuestionnaireSent(db: Knex, id: string): Promise<void> {
  await db('questionnaires').where({ id }).update({ sentAt: db.fn.now() });
}

/** A status the workflow moved to, with its event for the case view; once per event key. */
export async function recordQuestionnaireStatus(
  db: Knex,
  event: { questionnaireId: string; status: QuestionnaireStatus; eventKey: string; actorId: string | null; at: Date },
): Promise<void> {
  await db.transaction(async (trx) => {
    const inserted = await trx('questionnaire_events')
      .insert({
        questionnaireId: event.questionnaireId,
        eventKey: event.eventKey,
        type: 'status',
        status: event.status,
        actorId: event.actorId,
        at: event.at,
      })
      .onConflict('eventKey')
      .ignore()
      .returning('id');
    if (inserted.length === 0) return;
    const stamp = STAMP_FOR[event.status];
    await trx('questionnaires')
      .where({ id: event.questionnaireId })
      .update({ status: event.status, updatedAt: event.at, ...(stamp ? { [stamp]: event.at } : {}) });
  });
}

/** Something that happened (sent, reminded, resent, a code sent...), for the case view; once per key. */
export async function appendQuestionnaireEvent(
  db: Knex,
  event: { questionnaireId: string; eventKey: string; type: string; actorId?: string | null; at?: Date },
): Promise<void> {
  await db('questionnaire_events')
    .insert({
      questionnaireId: event.questionnaireId,
      eventKey: event.eventKey,
      type: event.type,
      actorId: event.actorId ?? null,
      ...(event.at ? { at: event.at } : {}),
    })
    .onConflict('eventKey')
    .ignore();
}

export type QuestionnaireEvent = { type: string; status: QuestionnaireStatus | null; at: string; actor: string | null };

/** The activity and progress to date, oldest first. Never the answers. */
export async function listQuestionnaireEvents(db: Knex, questionnaireId: string): Promise<QuestionnaireEvent[]> {
  const rows = await db('questionnaire_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .where('e.questionnaire_id', questionnaireId)
    .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
    .select('e.type', 'e.status', 'e.at', db.raw("u.first_name || ' ' || u.surname as actor"));
  return rows.map((r: { type: string; status: QuestionnaireStatus | null; at: Date; actor: string | null }) => ({
    type: r.type,
    status: r.status,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
  }));
}

export async function setQuestionnaireFields(
  db: Knex,
  id: string,
  fields: Partial<{ outcome: QuestionnaireOutcome | null; referralId: string; employeeEmail: string; sentAt: Date }>,
): Promise<void> {
  await db('questionnaires')
    .where({ id })
    .update({ ...fields, updatedAt: db.fn.now() });
}

export type SealedContent = { iv: Buffer; authTag: Buffer; ciphertext: Buffer };

export async function readSealedContent(db: Knex, id: string): Promise<SealedContent | undefined> {
  const row = await db('questionnaires')
    .where({ id })
    .first('contentIv as iv', 'contentTag as authTag', 'contentCiphertext as ciphertext');
  return row?.iv ? row : undefined;
}

export async function writeSealedContent(db: Knex, id: string, sealed: SealedContent): Promise<void> {
  await db('questionnaires').where({ id }).update({
    contentIv: sealed.iv,
    contentTag: sealed.authTag,
    contentCiphertext: sealed.ciphertext,
    updatedAt: db.fn.now(),
  });
}

/** The requester and the sharers of their cases who asked for copies, as email recipients. */
export async function questionnaireRecipients(
  db: Knex,
  q: { organisationId: string; ownerId: string },
): Promise<{ id: string; email: string; name: string }[]> {
  const sharers = await sharersToNotify(db, q.organisationId, q.ownerId);
  return db('users')
    .whereIn('id', [q.ownerId, ...sharers])
    .whereNot('status', 'disabled')
    .select('id', 'email', db.raw("first_name || ' ' || surname as name"));
}

/** Lets the organisation request these questionnaire types (keys of questionnaire_types); enabling twice is harmless. */
export async function enableQuestionnaireTypes(
  db: Knex,
  organisationId: string,
  keys: readonly string[],
): Promise<void> {
  const types = await db('questionnaire_types').whereIn('key', keys).select('id');
  if (types.length === 0) return;
  await db('organisation_questionnaire_types')
    .insert(types.map((t: { id: string }) => ({ organisationId, questionnaireTypeId: t.id })))
    .onConflict(['organisationId', 'questionnaireTypeId'])
    .ignore();
}
