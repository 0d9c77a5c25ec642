import { BaseModel } from './base.ts';

export type UserStatus = 'pending' | 'active' | 'disabled';

export class User extends BaseModel {
  static override tableName = 'users';
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

  /** Never serialise secrets, whatever a route returns. */
  override $formatJson(json: Record<string, unknown>) {
    const { passwordHash: _omit, ...rest } = super.$formatJson(json);
    return rest;
  }

  get fullName(): string {
    return [this.firstName, this.surname].join(' ');
  }
}
