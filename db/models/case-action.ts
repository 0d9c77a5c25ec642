import type { AppointmentType } from '../../domain/appointments.ts';
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
  /** Appointments only: how it is held, and its address (face to face) or link (video). */
  appointmentType!: AppointmentType | null;
  place!: string | null;
  rebookedFromId!: string | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}
