import type { Knex } from 'knex';
import { idRangeOfReference, referenceOf } from '../../domain/ids.ts';
import {
  QUESTIONNAIRE_OUTCOMES,
  QUESTIONNAIRE_STATUSES,
  type QuestionnaireOutcome,
  type QuestionnaireStatus,
  type QuestionnaireTab,
  questionnaireStatusesInTab,
} from '../../domain/questionnaire-statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import type { Page, PageOptions } from './keyset.ts';
import { defineList, type ListOwner, type ListView, ownersOf, sortedListPage } from './sorted-list.ts';
import { visibleQuestionnaires } from './visibility.ts';

/**
 * Track Questionnaires on the tracking lists' machinery (db/queries/sorted-list.ts).
 * The keys on `questionnaires` alone are indexed exactly as written here by the
 * migration 20261203000100_create_questionnaire_list_indexes_qu.
 */
const QUESTIONNAIRE_LIST = defineList({
  id: 'q.id',
  defaultSort: 'updatedAt',
  sorts: {
    employee: { sql: "lower(q.employee_surname || ' ' || q.employee_first_name)", type: 'text' },
    jobTitle: { sql: 'lower(q.employee_job_title)', type: 'text' },
    type: { sql: 'lower(t.name)', type: 'text' },
    owner: { sql: "lower(o.surname || ' ' || o.first_name)", type: 'text' },
    sentAt: { sql: 'q.sent_at', type: 'timestamptz' },
    status: { sql: 'q.status', type: 'text' },
    outcome: { sql: "coalesce(q.outcome, '')", type: 'text' },
    organisation: { sql: 'lower(org.name)', type: 'text' },
    updatedAt: { sql: 'q.updated_at', type: 'timestamptz' },
  },
  contains: {
    employee: "q.employee_first_name || ' ' || q.employee_surname",
    jobTitle: 'q.employee_job_title',
    owner: "o.first_name || ' ' || o.surname",
    organisation: 'org.name',
  },
});

export const QUESTIONNAIRE_SORTS = QUESTIONNAIRE_LIST.sortNames;
type QuestionnaireSort = (typeof QUESTIONNAIRE_SORTS)[number];
export const QUESTIONNAIRE_CONTAINS = QUESTIONNAIRE_LIST.containsNames;
type QuestionnaireContains = (typeof QUESTIONNAIRE_CONTAINS)[number];

/** What narrows and orders the list: the same for a page and for the export. */
export type QuestionnaireListFilters = ListView<QuestionnaireSort, QuestionnaireContains> & {
  tab: QuestionnaireTab;
  /** Surname, forename or reference (FF4C13BD), within the tab. */
  search?: string | undefined;
  /** Exact keys. */
  status?: QuestionnaireStatus | undefined;
  type?: string | undefined;
  outcome?: QuestionnaireOutcome | undefined;
  /** Filter by User: questionnaires that user owns (still only those the viewer may see). */
  user?: string | undefined;
};

export type QuestionnaireListOptions = QuestionnaireListFilters & PageOptions;

export type QuestionnaireListRow = {
  id: string;
  reference: string;
  employee: string;
  jobTitle: string;
  type: string;
  status: QuestionnaireStatus;
  statusLabel: string;
  outcome: QuestionnaireOutcome | null;
  outcomeLabel: string | null;
  organisation: string;
  owner: string;
  sentAt: string;
  updatedAt: string;
};

/** The rows of the list, filtered, in no order yet. */
function filteredQuestionnaires(db: Knex, viewer: Viewer, filters: QuestionnaireListFilters): Knex.QueryBuilder {
  const query = visibleQuestionnaires(db, viewer)
    .join('questionnaire_types as t', 't.id', 'q.questionnaire_type_id')
    .join('users as o', 'o.id', 'q.owner_id')
    .join('organisations as org', 'org.id', 'q.organisation_id')
    .whereIn('q.status', questionnaireStatusesInTab(filters.tab))
    .select(
      'q.id',
      'q.employee_first_name',
      'q.employee_surname',
      'q.employee_job_title',
      't.name as type',
      'q.status',
      'q.outcome',
      'org.name as organisation',
      db.raw("o.first_name || ' ' || o.surname as owner"),
      'q.sent_at',
      'q.updated_at',
    );
  const search = filters.search?.trim();
  if (search) {
    const ids = idRangeOfReference(search);
    query.where((w) => {
      w.whereRaw('lower(q.employee_surname) = lower(?)', [search]).orWhereRaw(
        'lower(q.employee_first_name) = lower(?)',
        [search],
      );
      // A range of the primary key, not a cast to text and LIKE, so its index can answer.
      if (ids) w.orWhereBetween('q.id', [...ids]);
    });
  }
  if (filters.status) query.where('q.status', filters.status);
  if (filters.type) query.where('t.key', filters.type);
  if (filters.outcome) query.where('q.outcome', filters.outcome);
  if (filters.user) query.where('q.owner_id', filters.user);
  return query;
}

function presentRow(r: Record<string, unknown>): QuestionnaireListRow {
  const status = r.status as QuestionnaireStatus;
  const outcome = (r.outcome as QuestionnaireOutcome | null) ?? null;
  return {
    id: r.id as string,
    reference: referenceOf(r.id as string),
    employee: `${r.employeeFirstName as string} ${r.employeeSurname as string}`,
    jobTitle: r.employeeJobTitle as string,
    type: r.type as string,
    status,
    statusLabel: QUESTIONNAIRE_STATUSES[status].label,
    outcome,
    outcomeLabel: outcome ? QUESTIONNAIRE_OUTCOMES[outcome] : null,
    organisation: r.organisation as string,
    owner: r.owner as string,
    sentAt: new Date(r.sentAt as string).toISOString(),
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  };
}

/** One page of Track Questionnaires (and the clinicians' review queue) in the chosen order, keyset-paginated. */
export function listQuestionnaires(
  db: Knex,
  viewer: Viewer,
  options: QuestionnaireListOptions,
): Promise<Page<QuestionnaireListRow>> {
  return sortedListPage(db, QUESTIONNAIRE_LIST, filteredQuestionnaires(db, viewer, options), options, presentRow);
}

/** Filter by User: the people whose questionnaires the viewer may see, by surname. */
export function listQuestionnaireOwners(db: Knex, viewer: Viewer): Promise<ListOwner[]> {
  return ownersOf(db, visibleQuestionnaires(db, viewer), 'q.owner_id');
}
