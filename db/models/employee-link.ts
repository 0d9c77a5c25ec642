import { BaseModel } from './base.ts';

export type EmployeeLinkPurpose = 'consent' | 'letter-review';

/** A single-use emailed link for the referred employee, who has no account; only its token's hash is kept. */
export class EmployeeLink extends BaseModel {
  static override tableName = 'employee_links';
  id!: string;
  referralId!: string;
  purpose!: EmployeeLinkPurpose;
  letterId!: string | null;
  tokenHash!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  createdAt!: Date;

  /** Never serialise the token's hash, whatever a route returns. */
  override $formatJson(json: Record<string, unknown>) {
    const { tokenHash: _omit, ...rest } = super.$formatJson(json);
    return rest;
  }
}
