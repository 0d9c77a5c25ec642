import { Model, type Pojo } from 'objection';

/**
 * Every model. Queried with the knex instance or transaction passed in
 * (`User.query(db)`), never a global one: tests run several databases. The knex
 * instance maps snake_case columns to camelCase (db/connection.ts), so models add
 * no mappers of their own.
 */
export class BaseModel extends Model {
  // Otherwise `first()` fetches every matching row and keeps one.
  static override useLimitInFirst = true;

  /** Properties holding secrets (hashes, keys): never serialised, whatever a route returns. */
  static secretProperties: readonly string[] = [];

  override $formatJson(json: Pojo): Pojo {
    const formatted = super.$formatJson(json);
    for (const key of (this.constructor as typeof BaseModel).secretProperties) delete formatted[key];
    return formatted;
  }
}
