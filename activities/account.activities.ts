import type { Knex } from 'knex';
import { findContact } from '../db/queries/accounts.ts';
import { expireAccountLink, findAccountLinkToSend, setAccountLinkToken } from '../db/queries/auth-tokens.ts';
import { markSent, wasSent } from '../db/queries/sent-emails.ts';
import { findEmailChange } from '../db/queries/user-admin.ts';
import { accountEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type AccountActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

// An invitation sets the first password on the reset page: the same email, password and repeat.
const PATHS = { activation: '/activate', 'password-reset': '/reset-password', invitation: '/reset-password' } as const;

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
      if (await wasSent(db, key)) return;
      const link = await findAccountLinkToSend(db, tokenId);
      if (!link || link.spent) return;
      const token = generateToken();
      await setAccountLinkToken(db, tokenId, hashToken(token), new Date(expiresAt));
      const { purpose, user } = link;
      const email = accountEmailTemplates[purpose]({
        recipientName: `${user.firstName} ${user.surname}`,
        url: `${publicUrl}${PATHS[purpose]}?token=${token}`,
        validFor: describe(expiresAt - Date.now()),
        username: user.username,
        email: user.email,
      });
      await mailer.send(user.email, email);
      await markSent(db, { key, template: purpose, recipientUserId: user.id });
    },

    /** The lifetime ran out: the link stops working even if a clock is wrong elsewhere. */
    async expireAccountLink({ tokenId }: { tokenId: string }): Promise<void> {
      await expireAccountLink(db, tokenId);
    },

    async sendUsernameReminder({ userId, requestId }: { userId: string; requestId: string }): Promise<void> {
      const key = `username:${requestId}`;
      if (await wasSent(db, key)) return;
      const user = await findContact(db, userId);
      if (!user) return;
      await mailer.send(
        user.email,
        accountEmailTemplates['username-reminder']({
          recipientName: `${user.firstName} ${user.surname}`,
          username: user.username,
          url: `${publicUrl}/sign-in`,
        }),
      );
      await markSent(db, { key, template: 'username-reminder', recipientUserId: userId });
    },

    async sendAccountUnlocked({ userId, requestId }: { userId: string; requestId: string }): Promise<void> {
      const key = `unlocked:${requestId}`;
      if (await wasSent(db, key)) return;
      const user = await findContact(db, userId);
      if (!user) return;
      await mailer.send(
        user.email,
        accountEmailTemplates['account-unlocked']({
          recipientName: `${user.firstName} ${user.surname}`,
          url: `${publicUrl}/sign-in`,
        }),
      );
      await markSent(db, { key, template: 'account-unlocked', recipientUserId: userId });
    },

    /** To the old address and the new, each recorded on its own: a retry sends neither twice. */
    async sendEmailChanged({ changeId }: { changeId: string }): Promise<void> {
      const change = await findEmailChange(db, changeId);
      if (!change) return;
      const email = accountEmailTemplates['email-changed']({
        recipientName: `${change.firstName} ${change.surname}`,
        oldEmail: change.oldEmail,
        newEmail: change.newEmail,
        url: `${publicUrl}/sign-in`,
      });
      for (const [which, to] of [
        ['old', change.oldEmail],
        ['new', change.newEmail],
      ] as const) {
        const key = `email-changed:${changeId}:${which}`;
        if (await wasSent(db, key)) continue;
        await mailer.send(to, email);
        await markSent(db, { key, template: 'email-changed', recipientUserId: change.userId });
      }
    },
  };
}
