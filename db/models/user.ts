import type { Modifiers, QueryBuilder, RelationMappings } from 'objection';
import { BaseModel } from './base.ts';
import { Membership } from './membership.ts';
import { RecoveryCode } from './recovery-code.ts';

export type UserStatus = 'pending' | 'active' | 'disabled';

/** What a person may see of an account: no hashes, keys or counters. */
const PROFILE = [
  'id',
  'username',
  'title',
  'firstName',
  'surname',
  'email',
  'jobTitle',
  'telephone',
  'workAddress',
  'workPostcode',
] as const;

export class User extends BaseModel {
  static override tableName = 'users';
  static override secretProperties = ['passwordHash', 'totpKey'];

  id!: string;
  username!: string;
  email!: string;
  passwordHash!: string;
  title!: string | null;
  firstName!: string;
  surname!: string;
  jobTitle!: string | null;
  telephone!: string | null;
  workAddress!: string | null;
  workPostcode!: string | null;
  status!: UserStatus;
  failedLoginCount!: number;
  lockedAt!: Date | null;
  lastLoginAt!: Date | null;
  totpKey!: Buffer | null;
  twoFactorEnabled!: boolean;
  activatedAt!: Date | null;
  /** What Enable restores: the status the account had when it was disabled. */
  statusBeforeDisable!: UserStatus | null;
  createdAt!: Date;
  updatedAt!: Date;

  memberships?: Membership[];
  recoveryCodes?: RecoveryCode[];

  /** How emails and letters address the user. */
  get fullName(): string {
    return [this.firstName, this.surname].join(' ');
  }

  static override relationMappings = (): RelationMappings => ({
    memberships: {
      relation: BaseModel.HasManyRelation,
      modelClass: Membership,
      join: { from: 'users.id', to: 'memberships.userId' },
    },
    recoveryCodes: {
      relation: BaseModel.HasManyRelation,
      modelClass: RecoveryCode,
      join: { from: 'users.id', to: 'recovery_codes.userId' },
    },
  });

  static override modifiers: Modifiers<QueryBuilder<User>> = {
    /** The profile columns only, so nothing secret can reach a response. */
    profile(query) {
      const table = query.tableRefFor(User);
      query.select(PROFILE.map((column) => `${table}.${column}`));
    },
  };
}
