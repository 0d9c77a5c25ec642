import type { Knex } from 'knex';

/**
 * Emails already sent, by key (an event, a link, a request): activities retry,
 * and a key recorded here is not sent again.
 */
export async function wasSent(db: Knex, key: string): Promise<boolean> {
  return !!(await db('sent_emails').where({ key }).first('key'));
}

/** Records a sent email; recording it twice keeps the first. */
export async function markSent(
  db: Knex,
  sent: { key: string; template: string; recipientUserId?: string | null },
): Promise<void> {
  await db('sent_emails').insert(sent).onConflict('key').ignore();
}
