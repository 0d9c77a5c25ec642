import type { FormData } from '../../domain/forms.ts';
import type { RejectionCategory } from '../../domain/rejection.ts';
import type { CaseStatus } from '../../domain/statuses.ts';
import { BaseModel } from './base.ts';

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
}
