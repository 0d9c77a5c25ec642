import type { Knex } from 'knex';

/** Whether PostgreSQL's clock (now, not at the transaction's start) is still before `deadline`. */
export async function stillBefore(db: Knex, deadline: Date): Promise<boolean> {
  const row = await db.select(db.raw('clock_timestamp() < ?::timestamptz as before', [deadline])).first();
  return row?.before === true;
}
