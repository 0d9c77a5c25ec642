import type { Knex } from 'knex';
import { accountEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type AccountActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

const PATHS = { activation: '/activate', 'password-reset': '/reset-password' } as const;

function describe(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 1) return `${Math.round(hours)} hours`;
  return `${Math.max(1, Math.round(ms / 60_000))} minutes`;
}

/** Account emails, each keyed so a retry sends at most one more copy and never a second live token. */
export function accountActivities({ db, mailer, publicUrl }: AccountActivityDeps) {
  return {
    /** Makes the link's secret, keeps only its hash, and emails the link. */
    async issueAccountLink({ tokenId, expiresAt }: { tokenId: string; expiresAt: number }): Promise<void> {
      const key = `link:${tokenId}`;
      if (await db('sent_emails').where({ key }).first()) return;
      const row = await db('auth_tokens as t').join('users as u', 'u.id', 't.user_id').where('t.id', tokenId)
        .first('t.purpose', 't.used_at', 't.invalidated_at', 'u.id as user_id', 'u.email', 'u.first_name', 'u.surname');
      if (!row || row.usedAt || row.invalidatedAt) return;
      const token = generateToken();
      await db('auth_tokens').where({ id: tokenId }).update({ tokenHash: hashToken(token), expiresAt: new Date(expiresAt) });
      const purpose = row.purpose as keyof typeof PATHS;
      const email = accountEmailTemplates[purpose]({
        recipientName: `${row.firstName} ${row.surname}`,
        url: `${publicUrl}${PATHS[purpose]}?token=${token}`,
        validFor: describe(expiresAt - Date.now()),
      });
      await mailer.send(row.email, email);
      await db('sent_emails').insert({ key, template: purpose, recipientUserId: row.userId }).onConflict('key').ignore();
    },

    /** The lifetime ran out: the link stops working even if a clock is wrong elsewhere. */
    async expireAccountLink({ tokenId }: { tokenId: string }): Promise<void> {
      await db('auth_tokens').where({ id: tokenId }).whereNull('usedAt').whereNull('invalidatedAt').update({ invalidatedAt: new Date() });
    },

    async sendUsernameReminder({ userId, requestId }: { userId: string; requestId: string }): Promise<void> {
      const key = `username:${requestId}`;
      if (await db('sent_emails').where({ key }).first()) return;
      const user = await db('users').where({ id: userId }).first('email', 'username', 'firstName', 'surname');
      if (!user) return;
      await mailer.send(user.email, accountEmailTemplates['username-reminder']({ recipientName: `${user.firstName} ${user.surname}`, username: user.username, url: `${publicUrl}/sign-in` }));
      await db('sent_emails').insert({ key, template: 'username-reminder', recipientUserId: userId }).onConflict('key').ignore();
    },
  };
}
