import type { Modifiers, QueryBuilder, RelationMappings } from 'objection';
import type { Permission } from '../../domain/permissions.ts';
import { BaseModel } from './base.ts';
import { Organisation } from './organisation.ts';
import { User } from './user.ts';

export type MembershipStatus = 'active' | 'pending';

/** A user's place in one organisation: their manager, location and permissions there. */
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
  status!: MembershipStatus;
  createdAt!: Date;
  updatedAt!: Date;

  user?: User;
  organisation?: Organisation;
  manager?: User | null;

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'memberships.userId', to: 'users.id' },
    },
    organisation: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Organisation,
      join: { from: 'memberships.organisationId', to: 'organisations.id' },
    },
    manager: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'memberships.managerId', to: 'users.id' },
    },
  });

  static override modifiers: Modifiers<QueryBuilder<Membership>> = {
    active(query) {
      query.where(`${query.tableRefFor(Membership)}.status`, 'active');
    },
    pending(query) {
      query.where(`${query.tableRefFor(Membership)}.status`, 'pending');
    },
  };
}
