import type { Modifiers, QueryBuilder, RelationMappings } from 'objection';
import type { AccountLinkPurpose } from '../../workflows/account-email.messages.ts';
import { BaseModel } from './base.ts';
import { User } from './user.ts';

/** A single-use emailed link (activation, password reset): only a hash of its token is kept. */
export class AuthToken extends BaseModel {
  static override tableName = 'auth_tokens';
  static override secretProperties = ['tokenHash'];

  id!: string;
  userId!: string;
  purpose!: AccountLinkPurpose;
  tokenHash!: string;
  expiresAt!: Date;
  usedAt!: Date | null;
  invalidatedAt!: Date | null;
  createdAt!: Date;

  user?: User;

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'auth_tokens.userId', to: 'users.id' },
    },
  });

  static override modifiers: Modifiers<QueryBuilder<AuthToken>> = {
    /** Neither used nor withdrawn (expiry is checked apart, against the clock). */
    unspent(query) {
      const table = query.tableRefFor(AuthToken);
      query.whereNull(`${table}.usedAt`).whereNull(`${table}.invalidatedAt`);
    },
  };
}
