import type { Knex } from 'knex';
import * as createOrganisations from './20261122000100_create_organisations.ts';
import * as createUsers from './20261122000200_create_users.ts';
import * as createReferrals from './20261122000300_create_referrals.ts';
import * as createAuditLog from './20261122000400_create_audit_log.ts';
import * as createReferralListIndexes from './20261122000500_create_referral_list_indexes.ts';
import * as createAccountSecurity from './20261122000600_create_account_security.ts';
import * as createDocuments from './20261122000700_create_documents.ts';
import * as addReferralLinks from './20261122000800_add_referral_links.ts';
import * as createCaseActions from './20261122000900_create_case_actions.ts';
import * as createEmployeeLinks from './20261122001000_create_employee_links.ts';
import * as createAdviceLetters from './20261122001100_create_advice_letters.ts';
import * as createProviderListIndexes from './20261122001200_create_provider_list_indexes.ts';
import * as createSignInFailures from './20261123000100_create_sign_in_failures.ts';
import * as addRejectionCategory from './20261123000200_add_rejection_category.ts';
import * as createAccountListIndexes from './20261124000100_create_account_list_indexes.ts';
import * as createQueueIndexes from './20261124000200_create_queue_indexes.ts';
import * as addAppointmentDetails from './20261125000400_add_appointment_details.ts';
import * as createQuestionnaires from './20261202000100_create_questionnaires.ts';
import * as createReferralAuthorIndex from './20261202000150_create_referral_author_index.ts';
import * as createTrackReferralIndexes from './20261202000100_create_track_referral_indexes.ts';
import * as createCaseNotes from './20261202000150_create_case_notes.ts';
import * as addUserAdmin from './20261202000150_add_user_admin.ts';
import * as createManagementInformation from './20261202000170_create_management_information.ts';
import * as addReferralMilestones from './20261203000300_add_referral_milestones_h3.ts';
import * as createQuestionnaireListIndexes from './20261203000100_create_questionnaire_list_indexes_qu.ts';
import * as addReferralSortColumns from './20261203000200_add_referral_sort_columns_h2.ts';
import * as createHierarchyClosure from './20261204000100_create_hierarchy_closure.ts';
import * as steadyEmployeeFilterStatistics from './20261204000200_steady_employee_filter_statistics.ts';
import * as hierarchyClosureSurvivesTruncate from './20261204000300_hierarchy_closure_survives_truncate.ts';
import * as notifySessionChanges from './20261204000400_notify_session_changes.ts';
import * as createReassignments from './20261202000150_create_reassignments.ts';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Listed, not globbed, so the same list works under tsx, Vitest and a bundle. */
const MIGRATIONS: Record<string, Migration> = {
  '20261122000100_create_organisations': createOrganisations,
  '20261122000200_create_users': createUsers,
  '20261122000300_create_referrals': createReferrals,
  '20261122000400_create_audit_log': createAuditLog,
  '20261122000500_create_referral_list_indexes': createReferralListIndexes,
  '20261122000600_create_account_security': createAccountSecurity,
  '20261122000700_create_documents': createDocuments,
  '20261122000800_add_referral_links': addReferralLinks,
  '20261122000900_create_case_actions': createCaseActions,
  '20261122001000_create_employee_links': createEmployeeLinks,
  '20261122001100_create_advice_letters': createAdviceLetters,
  '20261122001200_create_provider_list_indexes': createProviderListIndexes,
  '20261123000100_create_sign_in_failures': createSignInFailures,
  '20261123000200_add_rejection_category': addRejectionCategory,
  '20261124000100_create_account_list_indexes': createAccountListIndexes,
  '20261124000200_create_queue_indexes': createQueueIndexes,
  '20261125000400_add_appointment_details': addAppointmentDetails,
  '20261202000100_create_questionnaires': createQuestionnaires,
  '20261202000150_create_referral_author_index': createReferralAuthorIndex,
  '20261202000100_create_track_referral_indexes': createTrackReferralIndexes,
  '20261202000150_create_case_notes': createCaseNotes,
  '20261202000150_add_user_admin': addUserAdmin,
  '20261202000170_create_management_information': createManagementInformation,
  '20261202000150_create_reassignments': createReassignments,
  '20261203000100_create_questionnaire_list_indexes_qu': createQuestionnaireListIndexes,
  '20261203000200_add_referral_sort_columns_h2': addReferralSortColumns,
  '20261203000300_add_referral_milestones_h3': addReferralMilestones,
  '20261204000100_create_hierarchy_closure': createHierarchyClosure,
  '20261204000200_steady_employee_filter_statistics': steadyEmployeeFilterStatistics,
  '20261204000300_hierarchy_closure_survives_truncate': hierarchyClosureSurvivesTruncate,
  '20261204000400_notify_session_changes': notifySessionChanges,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = MIGRATIONS[name];
    if (!migration) throw new Error(`Unknown migration ${name}`);
    return migration;
  },
};
