import { Model } from 'objection';

/** Every model: uuid ids from the database, timestamps as Date. */
export class BaseModel extends Model {
  static override get modelPaths() {
    return [];
  }
}
