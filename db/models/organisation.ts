import type { RelationMappings } from 'objection';
import { BaseModel } from './base.ts';
import { FormType } from './form-type.ts';

export class Organisation extends BaseModel {
  static override tableName = 'organisations';

  id!: string;
  code!: string;
  name!: string;
  isProvider!: boolean;
  verificationCode!: string;
  caseNumberPrefix!: string;
  caseNumberSeq!: number;
  requiresApproval!: boolean;
  requiresTwoFactor!: boolean;
  myAccountEnabled!: boolean;
  /** Service levels in calendar days (MI's turnaround tab). */
  slaTriageDays!: number;
  slaFirstAppointmentDays!: number;
  slaAdviceLetterDays!: number;
  createdAt!: Date;
  updatedAt!: Date;

  formTypes?: FormType[];

  static override relationMappings = (): RelationMappings => ({
    /** The referral forms the organisation may use. */
    formTypes: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: FormType,
      join: {
        from: 'organisations.id',
        through: { from: 'organisation_form_types.organisationId', to: 'organisation_form_types.formTypeId' },
        to: 'form_types.id',
      },
    },
  });
}
