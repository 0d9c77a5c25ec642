import { BaseModel } from './base.ts';

/** A signed-in browser. The id is the SHA-256 of the cookie's token, so it is secret too. */
export class Session extends BaseModel {
  static override tableName = 'sessions';
  static override secretProperties = ['id'];

  id!: string;
  userId!: string;
  organisationId!: string;
  expiresAt!: Date;
  /** Password right, second factor still owed: such a session opens nothing else. */
  twoFactorPending!: boolean;
  createdAt!: Date;
}
