import type { ActionKind, ActionStatus } from '../../domain/statuses.ts';
import { BaseModel } from './base.ts';

/** An appointment or a request for medical evidence on an open case. */
export class CaseAction extends BaseModel {
  static override tableName = 'case_actions';
  id!: string;
  referralId!: string;
  kind!: ActionKind;
  scheduledAt!: Date;
  status!: ActionStatus;
  rebookedFromId!: string | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}
