import {
  listQuestionnaires,
  type QuestionnaireListFilters,
  type QuestionnaireListRow,
} from '../../db/queries/questionnaire-list.ts';
import { QUESTIONNAIRE_TABS, type QuestionnaireTab } from '../../domain/questionnaire-statuses.ts';
import type { WorkbookColumn } from '../../services/workbook-cells.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { filterCodes, streamListExport } from '../list-export.ts';

/** Track Questionnaires' columns, in its order; never an answer (the list has none). */
const COLUMNS: WorkbookColumn<QuestionnaireListRow>[] = [
  { header: 'Reference', key: 'reference', width: 12 },
  { header: 'Employee', key: 'employee', width: 28 },
  { header: 'Job Title', key: 'jobTitle', width: 24 },
  { header: 'Questionnaire', key: 'type', width: 32 },
  { header: 'Status', key: 'statusLabel', width: 30 },
  { header: 'Outcome', key: 'outcomeLabel', width: 22 },
  { header: 'Organisation', key: 'organisation', width: 24 },
  { header: 'Requested By', key: 'owner', width: 24 },
  { header: 'Sent', key: 'sentAt', width: 17, date: 'instant' },
  { header: 'Last Updated', key: 'updatedAt', width: 17, date: 'instant' },
];

const TABS = Object.keys(QUESTIONNAIRE_TABS) as QuestionnaireTab[];

/**
 * Export Questionnaires: one worksheet per tab (pending, awaiting review, completed) of the
 * questionnaires the user may see, filtered and ordered like the list, written as the rows
 * are read; one audit entry records the export once every row is written.
 */
export function exportQuestionnaires(
  deps: AppDeps,
  auth: AuthContext,
  filters: Omit<QuestionnaireListFilters, 'tab'>,
  ip?: string | null,
): ReadableStream<Uint8Array> {
  return streamListExport(deps, auth, {
    columns: COLUMNS,
    sheets: TABS.map((tab) => ({
      name: QUESTIONNAIRE_TABS[tab],
      read: (page) => listQuestionnaires(deps.db, auth.viewer, { ...filters, tab, ...page }),
    })),
    audit: (counts) =>
      auditBy(deps, auth, ip)('questionnaires.exported', undefined, {
        ...filterCodes(filters, ['status', 'type', 'outcome', 'user']),
        ...Object.fromEntries(TABS.map((tab, i) => [`${tab}Rows`, counts[i] ?? 0])),
      }),
  });
}
