import { BaseModel } from './base.ts';

/** One of a user's single-use second-factor recovery codes, kept as a hash. */
export class RecoveryCode extends BaseModel {
  static override tableName = 'recovery_codes';
  static override secretProperties = ['codeHash'];

  id!: string;
  userId!: string;
  codeHash!: string;
  usedAt!: Date | null;
}
