import { BaseModel } from './base.ts';

export class Session extends BaseModel {
  static override tableName = 'sessions';
  id!: string;
  userId!: string;
  organisationId!: string;
  expiresAt!: Date;
  createdAt!: Date;
}
