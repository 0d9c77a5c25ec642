import type { Permission } from '../../domain/permissions.ts';
import { BaseModel } from './base.ts';

export class Membership extends BaseModel {
  static override tableName = 'memberships';
  id!: string;
  userId!: string;
  organisationId!: string;
  managerId!: string | null;
  locationId!: string | null;
  divisionId!: string | null;
  departmentId!: string | null;
  permissions!: Permission[];
  status!: 'active' | 'pending';
}
