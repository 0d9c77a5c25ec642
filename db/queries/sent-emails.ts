import type { Knex } from 'knex';

/*
 * Emails already sent, by a key the sender chooses, so that a retried activity
 * sends at most one more copy.
 */

export async function wasEmailSent(db: Knex, key: string): Promise<boolean> {
  return (await db('sent_emails').where({ key }).first('key')) !== undefined;
}

export async function recordEmailSent(
  db: Knex,
  email: { key: string; template: string; recipientUserId?: string },
): Promise<void> {
  await db('sent_emails').insert(email).onConflict('key').ignore();
}
