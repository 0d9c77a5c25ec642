import { BaseModel } from './base.ts';

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
}
