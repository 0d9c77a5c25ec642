import type { QueryBuilder } from 'objection';
import type { FormData } from '../../domain/forms.ts';
import type { RejectionCategory } from '../../domain/rejection.ts';
import type { CaseStatus } from '../../domain/statuses.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { applyVisibility } from '../queries/visibility.ts';
import { AdviceLetter } from './advice-letter.ts';
import { BaseModel } from './base.ts';
import { CaseAction } from './case-action.ts';
import { Document } from './document.ts';
import { FormType } from './form-type.ts';
import { Organisation } from './organisation.ts';
import { User } from './user.ts';

export class Referral extends BaseModel {
  static override tableName = 'referrals';
  static override jsonAttributes = ['formData'];
  id!: string;
  organisationId!: string;
  formTypeId!: string;
  authorId!: string;
  ownerId!: string;
  status!: CaseStatus;
  caseNumber!: string | null;
  formData!: FormData;
  employeeFirstName!: string | null;
  employeeSurname!: string | null;
  locationId!: string | null;
  divisionId!: string | null;
  departmentId!: string | null;
  previousReferralId!: string | null;
  rejectionCategory!: RejectionCategory | null;
  rejectionReason!: string | null;
  outcome!: string | null;
  recallDate!: string | null;
  lastSavedAt!: Date;
  submittedAt!: Date | null;
  acceptedAt!: Date | null;
  rejectedAt!: Date | null;
  closedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;

  organisation?: Organisation;
  formType?: FormType;
  author?: User;
  owner?: User;
  documents?: Document[];
  actions?: CaseAction[];
  letters?: AdviceLetter[];

  static override modifiers = {
    /**
     * Only referrals `viewer` may see: db/queries/visibility.ts's predicate, on
     * whatever name this query gives the table, added when the SQL is built.
     */
    visibleTo(query: QueryBuilder<Referral>, viewer: Viewer) {
      query.onBuildKnex((knexQuery) => {
        applyVisibility(knexQuery, viewer, query.tableRefFor(Referral));
      });
    },
  };

  // A getter, so the models that point back here are defined by the time it is read.
  static override get relationMappings() {
    const belongsTo = (modelClass: typeof BaseModel, column: string, table: string) => ({
      relation: BaseModel.BelongsToOneRelation,
      modelClass,
      join: { from: `referrals.${column}`, to: `${table}.id` },
    });
    const hasMany = (modelClass: typeof BaseModel, table: string) => ({
      relation: BaseModel.HasManyRelation,
      modelClass,
      join: { from: 'referrals.id', to: `${table}.referralId` },
    });
    return {
      organisation: belongsTo(Organisation, 'organisationId', 'organisations'),
      formType: belongsTo(FormType, 'formTypeId', 'form_types'),
      author: belongsTo(User, 'authorId', 'users'),
      owner: belongsTo(User, 'ownerId', 'users'),
      documents: hasMany(Document, 'documents'),
      actions: hasMany(CaseAction, 'case_actions'),
      letters: hasMany(AdviceLetter, 'advice_letters'),
    };
  }
}
