import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { expectAccessible, servePortal } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import {
  botCheckSolved,
  fillSignIn,
  freshUser,
  heading,
  linkIn,
  menu,
  browserSuite,
  signIn,
  summary,
} from './support.ts';

const suite = browserSuite();

const NEW_PASSWORD = 'Wm4#Tz9!Hq2$Bx';
const LOCKED =
  /Your account is locked after 3 incorrect passwords in a row\. Your organisation’s user administrator can unlock it/;

/** Forgot password: the page from sign-in, the email and the bot check, then "check your email". */
async function askForResetLink(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password' }).click();
  await heading(page, 'Forgot your password?');
  await page.getByLabel('Email Address').fill(email);
  await botCheckSolved(page);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await heading(page, 'Check your email');
  await page
    .getByText('If that email address is registered, we have sent it a link to reset the password.', { exact: false })
    .waitFor();
}

async function resetWith(page: Page, link: string, email: string) {
  await page.goto(link);
  await heading(page, 'Set a new password');
  await page.getByLabel('Email Address').fill(email);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await page.getByRole('listitem').filter({ hasText: 'No common words' }).filter({ hasText: '(met)' }).waitFor();
  await page.getByRole('button', { name: 'Reset password' }).click();
}

describe('signing in', () => {
  it('offers the ways to recover and to register', async () => {
    const page = await suite.pages.open();
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Casebook');
    for (const name of ['Forgot password', 'Forgot username', 'Register for an account'])
      await page.getByRole('link', { name }).waitFor();
    await expectAccessible(page, 'sign-in with its links');
  });

  it('locks after three wrong passwords, says who can unlock, and the user admin unlocks it from Locked Users', async () => {
    const user = await freshUser(suite.portal, suite.world);
    const page = await suite.pages.open();
    for (let i = 0; i < 2; i++) {
      await fillSignIn(page, user.username, 'Wrong-password-1');
      await summary(page).getByRole('link', { name: 'Enter a correct username and password.' }).waitFor();
    }
    await fillSignIn(page, user.username, 'Wrong-password-1');
    await summary(page).getByText(LOCKED).waitFor();
    await fillSignIn(page, user.username, PASSWORD);
    await summary(page).getByText(LOCKED).waitFor();
    expect(await page.title()).toBe('Error: Sign in - Casebook');
    await expectAccessible(page, 'sign-in: account locked');

    const admin = await suite.pages.open();
    await signIn(admin, suite.world.top.username);
    await menu(admin).getByRole('link', { name: 'User Admin' }).click();
    await heading(admin, 'User Admin');
    await admin.getByRole('tab', { name: '01 All Users' }).waitFor();
    await expectAccessible(admin, 'User Admin: 01 All Users');
    await admin.getByRole('tab', { name: '02 Locked Users' }).click();
    const row = admin.getByRole('table', { name: 'Locked Users' }).getByRole('row').filter({ hasText: user.username });
    await row.waitFor();
    await expectAccessible(admin, 'User Admin: 02 Locked Users');
    await row.getByRole('button', { name: `Unlock ${user.firstName} ${user.surname}` }).click();
    await admin.getByText(`${user.firstName} ${user.surname}'s account is unlocked`).waitFor();
    expect(await admin.evaluate(() => document.activeElement?.classList.contains('govuk-notification-banner'))).toBe(
      true,
    );
    expect(await row.count()).toBe(0);
    await expectAccessible(admin, 'User Admin: unlocked');
    for (const tab of ['03 User Shares', '04 Access Requests']) {
      await admin.getByRole('tab', { name: tab }).click();
      await admin.getByRole('tab', { name: tab, selected: true }).waitFor();
      await expectAccessible(admin, `User Admin: ${tab}`);
    }

    await signIn(page, user.username);
  });

  it('pages through Locked Users: the next page, and back to the first', async () => {
    const { world } = suite;
    const passwordHash = await hashPassword(PASSWORD);
    // One more than a page (50), all sorting after anyone else locked in this organisation.
    const ids: string[] = [];
    for (let i = 1; i <= 51; i++) {
      const username = `locked${i}-${world.tag}`;
      ids.push(
        await createUser(
          suite.portal.sys.db,
          {
            username,
            email: `${username}@client-${world.tag}.test`,
            passwordHash,
            firstName: 'Lock',
            surname: `Zz${String(i).padStart(2, '0')}`,
          },
          [{ organisationId: world.client.id, permissions: ['referrer'] }],
        ),
      );
    }
    await suite.portal.sys.db('users').whereIn('id', ids).update({ lockedAt: new Date(), failedLoginCount: 3 });

    const admin = await suite.pages.open();
    await signIn(admin, world.top.username);
    await admin.goto('/users?tab=locked');
    const table = admin.getByRole('table', { name: 'Locked Users' });
    await table.getByRole('row').filter({ hasText: 'Zz01' }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Zz51' }).count()).toBe(0);
    await admin.getByRole('link', { name: 'Next page' }).click();
    await table.getByRole('row').filter({ hasText: 'Zz51' }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Zz01' }).count()).toBe(0);
    expect(await admin.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await expectAccessible(admin, 'User Admin: 02 Locked Users, second page');
    await admin.getByRole('link', { name: 'First page' }).click();
    await table.getByRole('row').filter({ hasText: 'Zz01' }).waitFor();
    // Another tab starts at its own first page.
    await admin.getByRole('tab', { name: '04 Access Requests' }).click();
    const requests = admin.getByRole('table', { name: 'Access Requests' });
    await requests.or(admin.getByText('There are no requests waiting.')).first().waitFor();
    expect(new URL(admin.url()).searchParams.get('cursor')).toBeNull();
  });

  it('offers to send the activation email again to an account not yet activated', async () => {
    const user = await freshUser(suite.portal, suite.world, { status: 'pending' });
    const page = await suite.pages.open();
    await fillSignIn(page, user.username);
    await summary(page).getByText('Your account is not active yet.', { exact: false }).waitFor();
    await expectAccessible(page, 'sign-in: not activated');
    await page.getByRole('button', { name: 'Send the activation email again' }).click();
    await page
      .getByText('If your account is waiting to be activated, a new link is on its way to your email.')
      .waitFor();
    await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Activate your Casebook account',
    );
  });
});

describe('forgotten password and username', () => {
  it('resets the password from the emailed link, which then works no more', async () => {
    const user = await freshUser(suite.portal, suite.world);
    const page = await suite.pages.open();
    await askForResetLink(page, user.email);
    await expectAccessible(page, 'forgot password: check your email');
    const mail = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Reset your Casebook password',
    );
    const link = linkIn(mail.text, `${suite.portal.url}/reset-password?token=`);

    await page.goto(link);
    await heading(page, 'Set a new password');
    await expectAccessible(page, 'reset password');
    await resetWith(page, link, user.email);
    await heading(page, 'Your password has been reset');
    await expectAccessible(page, 'password reset');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, user.username, NEW_PASSWORD);

    const again = await suite.pages.open();
    await resetWith(again, link, user.email);
    await summary(again).getByText('This link has expired or has already been used. Ask for a new one.').waitFor();
    await again.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await expectAccessible(again, 'reset link used');
  });

  it('emails the username', async () => {
    const user = await freshUser(suite.portal, suite.world);
    const page = await suite.pages.open();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot username' }).click();
    await heading(page, 'Forgot your username?');
    await expectAccessible(page, 'forgot username');
    await page.getByRole('button', { name: 'Send my username' }).click();
    await summary(page).getByRole('link', { name: 'Enter your email address' }).waitFor();
    await page.getByLabel('Email Address').fill(user.email);
    await botCheckSolved(page);
    await expectAccessible(page, 'forgot username: bot check solved');
    // The check's tick box works from the keyboard: Space clears it, Space does it again.
    const box = page.locator('altcha-widget input[type="checkbox"]');
    await box.focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'I am not a robot', checked: false }).waitFor();
    await page.keyboard.press('Space');
    await botCheckSolved(page);
    await page.getByRole('button', { name: 'Send my username' }).click();
    await heading(page, 'Check your email');
    const mail = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(user.email) && m.subject === 'Your Casebook username',
    );
    expect(mail.text).toContain(user.username);
  });

  it('refuses a reset link after its lifetime', async () => {
    const LIFETIME_MS = 3_000;
    const shortLived = await servePortal({ durations: { passwordResetLink: LIFETIME_MS } });
    try {
      const user = await freshUser(shortLived, suite.world);
      const page = await suite.pages.open({ portal: shortLived });
      await askForResetLink(page, user.email);
      const mail = await shortLived.sys.mail.waitFor(
        (m) => m.to.includes(user.email) && m.subject === 'Reset your Casebook password',
      );
      await new Promise((r) => setTimeout(r, LIFETIME_MS + 1_000));
      await resetWith(page, linkIn(mail.text, `${shortLived.url}/reset-password?token=`), user.email);
      await summary(page).getByText('This link has expired or has already been used. Ask for a new one.').waitFor();
      await expectAccessible(page, 'reset link expired');
    } finally {
      await shortLived.close();
    }
  });
});
