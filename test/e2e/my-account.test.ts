import { generateTOTP } from '@oslojs/otp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOrganisation, createUser } from '../../db/queries/provisioning.ts';
import { hashPassword } from '../../services/passwords.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import {
  activeId,
  base32Decode,
  fillSignIn,
  freshUser,
  heading,
  menu,
  browserSuite,
  signIn,
  signOut,
  summary,
} from './support.ts';

const suite = browserSuite();

const codeFor = (key: Uint8Array) => generateTOTP(key, 30, 6);

/** Sets up two-factor authentication on the page it is on; returns the key and the recovery codes. */
async function setUpTwoFactor(page: Page, what: string) {
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  await heading(page, 'Set up two-factor authentication');
  await page.getByRole('img', { name: /^QR code for adding Casebook to your authenticator app/ }).waitFor();
  const key = base32Decode((await page.locator('#two-factor-key').textContent()) ?? '');
  expect(key).toHaveLength(20);
  await expectAccessible(page, `${what}: scan`);
  await page.getByLabel('Code').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await summary(page)
    .getByRole('link', { name: /^The code is not right/ })
    .waitFor();
  await page.getByLabel('Code').fill(codeFor(key));
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
  await heading(page, 'Store your recovery codes');
  const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(page, `${what}: recovery codes`);
  await page.getByRole('button', { name: 'I have stored my recovery codes' }).click();
  return { key, codes };
}

/** Username, Tab, password, Enter: the sign-in form from the keyboard alone. */
async function signInByKeyboard(page: Page, username: string) {
  await page.goto('/sign-in');
  await heading(page, 'Sign in to Casebook');
  await page.getByLabel('Username').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  expect(await activeId(page)).toBe('password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
}

describe('two-factor authentication', () => {
  it('is set up in My Account, then asked for at sign-in, where the keyboard alone will do', async () => {
    const user = await freshUser(suite.portal, suite.world);
    const page = await suite.pages.open();
    await signIn(page, user.username);
    await menu(page).getByRole('link', { name: 'My Account' }).click();
    await heading(page, 'My Account');
    await page.getByRole('link', { name: 'Two-factor authentication' }).click();
    await heading(page, 'Two-factor authentication');
    await page.getByText('Two-factor authentication is off.', { exact: false }).waitFor();
    await expectAccessible(page, '2FA: off');
    const { key, codes } = await setUpTwoFactor(page, '2FA');
    await page.getByText('Two-factor authentication is on.', { exact: false }).waitFor();
    await expectAccessible(page, '2FA: on');
    await signOut(page);

    await signInByKeyboard(page, user.username);
    await heading(page, 'Enter the code from your authenticator app');
    expect(await page.title()).toBe('Enter the code from your authenticator app - Casebook');
    await expectAccessible(page, 'sign-in: second step');
    // Focus is on the heading after the navigation; the code box comes next.
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('code');
    expect(await page.locator('#code').getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.locator('#code').getAttribute('inputmode')).toBe('numeric');
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    await summary(page)
      .getByRole('link', { name: /^The code is not right/ })
      .waitFor();
    await expectAccessible(page, 'sign-in: wrong code');
    await page.locator('#code').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(codeFor(key));
    await page.keyboard.press('Enter');
    await heading(page, /^Welcome, /);
    await signOut(page);

    // With a recovery code instead, reached from the keyboard: it works once.
    for (const expected of ['signed in', 'refused']) {
      await signInByKeyboard(page, user.username);
      await heading(page, 'Enter the code from your authenticator app');
      const link = page.getByRole('link', { name: 'Use a recovery code instead' });
      for (let i = 0; i < 5 && !(await link.evaluate((a) => a === document.activeElement)); i++)
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await heading(page, 'Enter a recovery code');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await page.keyboard.press('Tab');
      expect(await activeId(page)).toBe('recoveryCode');
      await page.keyboard.type(codes[0]!);
      await page.keyboard.press('Enter');
      if (expected === 'signed in') {
        await heading(page, /^Welcome, /);
        await signOut(page);
      } else {
        await summary(page)
          .getByRole('link', { name: /^The code is not right/ })
          .waitFor();
        await expectAccessible(page, 'sign-in: recovery code used');
      }
    }
  });

  it('sends a user whose organisation requires it straight to the set-up, with nothing else until it is done', async () => {
    const org = await createOrganisation(suite.portal.sys.db, {
      code: `TF${suite.world.tag}`,
      name: `Strict ${suite.world.tag}`,
      verificationCode: `strict-${suite.world.tag}`,
      caseNumberPrefix: `STR/${suite.world.tag}`,
      requiresTwoFactor: true,
      emailDomains: [`strict-${suite.world.tag}.test`],
      formKeys: ['management-referral'],
    });
    const username = `strict-${suite.world.tag}`;
    await createUser(
      suite.portal.sys.db,
      {
        username,
        email: `${username}@strict-${suite.world.tag}.test`,
        passwordHash: await hashPassword(PASSWORD),
        firstName: 'Stan',
        surname: 'Strict',
      },
      [{ organisationId: org.id, permissions: ['referrer'] }],
    );
    const page = await suite.pages.open();
    await fillSignIn(page, username);
    await page.waitForURL('**/account/two-factor');
    await heading(page, 'Two-factor authentication');
    await page.getByText('Your organisation requires two-factor authentication').waitFor();
    expect(await menu(page).getByRole('link').count()).toBe(0);
    await expectAccessible(page, '2FA required');
    await page.goto('/referrals');
    await page.waitForURL('**/account/two-factor');

    await setUpTwoFactor(page, '2FA required');
    await heading(page, 'Welcome, Stan');
    await menu(page).getByRole('link', { name: 'Make Referral' }).waitFor();
  });
});

describe('My Account', () => {
  it('edits the details, with username and email read-only, and changes the password', async () => {
    const user = await freshUser(suite.portal, suite.world);
    const page = await suite.pages.open();
    await signIn(page, user.username);
    await page.goto('/account');
    await heading(page, 'My Account');
    await page.getByRole('tab', { name: '01 Details', selected: true }).waitFor();
    await page.getByRole('definition').getByText(user.email).waitFor();
    expect(await page.getByRole('textbox', { name: 'Email Address' }).count()).toBe(0);
    await expectAccessible(page, 'My Account: details');

    await page.getByLabel('First Name').fill('!!');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await summary(page).getByRole('link', { name: 'Must contain at least 1 letter or number' }).waitFor();
    await expectAccessible(page, 'My Account: details with an error');
    await page.getByLabel('First Name').fill('Frances');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your details have been saved').waitFor();
    await page.getByText(`Signed in as Frances ${user.surname}, Client ${suite.world.tag}`).waitFor();

    await page.getByRole('tab', { name: '02 Shared Users' }).click();
    await page.getByRole('heading', { name: 'Shared Users' }).waitFor();
    await expectAccessible(page, 'My Account: shared users');

    await page.getByRole('link', { name: 'Change your password' }).click();
    await heading(page, 'Change your password');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(`Aa1!${user.username}`);
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Must not include your username' })
      .filter({ hasText: '(not met)' })
      .waitFor();
    await expectAccessible(page, 'change password: a rule not met');
    const newPassword = 'Wm4#Tz9!Hq2$Bx';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirm new password').fill(newPassword);
    await page.getByRole('listitem').filter({ hasText: 'No common words' }).filter({ hasText: '(met)' }).waitFor();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed').waitFor();
    await expectAccessible(page, 'password changed');
    await signOut(page);
    await signIn(page, user.username, newPassword);
  });

  it('asks to join another organisation; its user admin approves; the header switches between them', async () => {
    const user = await freshUser(suite.portal, suite.world);
    await suite.portal.sys.db('locations').insert({ organisationId: suite.world.other.id, name: 'Hull' });
    const page = await suite.pages.open();
    await signIn(page, user.username);
    await page.goto('/account/organisations');
    await heading(page, 'Your organisations');
    await page
      .getByRole('table', { name: 'Organisations you belong to' })
      .getByRole('row', { name: new RegExp(`Client ${suite.world.tag}`) })
      .waitFor();
    await page.getByLabel('Verification Code').fill(`other-${suite.world.tag}`);
    await page.getByRole('button', { name: 'Find the organisation' }).click();
    await page.getByLabel('Select your manager').selectOption({ label: `Outsider Tester${suite.world.tag}` });
    await page.getByRole('button', { name: 'Request access' }).click();
    await summary(page).getByRole('link', { name: 'Select your location from the list' }).waitFor();
    await expectAccessible(page, 'organisations: request with an error');
    await page.getByLabel('Location').selectOption({ label: 'Hull' });
    await page.getByRole('button', { name: 'Request access' }).click();
    await page.getByText(`You have asked to join Other ${suite.world.tag}`).waitFor();
    await page.getByRole('row', { name: new RegExp(`Other ${suite.world.tag} Waiting for approval`) }).waitFor();
    await expectAccessible(page, 'organisations: requested');
    expect(await page.getByLabel('Organisation', { exact: true }).count()).toBe(0);

    await suite.portal.sys
      .db('memberships')
      .where({ userId: suite.world.outsider.id })
      .update({ permissions: ['referrer', 'user_admin'] });
    const admin = await suite.pages.open();
    await signIn(admin, suite.world.outsider.username);
    await admin.goto('/users?tab=requests');
    const row = admin
      .getByRole('table', { name: 'Access Requests' })
      .getByRole('row')
      .filter({ hasText: user.username });
    await row.getByRole('button', { name: `Approve ${user.firstName} ${user.surname}` }).click();
    await admin.getByText(`${user.firstName} ${user.surname} can now use Casebook for your organisation`).waitFor();
    await expectAccessible(admin, 'User Admin: access request approved');

    await page.goto('/');
    await heading(page, /^Welcome, /);
    const switcher = page.getByLabel('Organisation', { exact: true });
    await switcher.selectOption({ label: `Other ${suite.world.tag}` });
    await expectAccessible(page, 'header with the organisation switcher');
    await page.getByRole('button', { name: 'Switch organisation' }).click();
    await page.getByText(`Signed in as ${user.firstName} ${user.surname}, Other ${suite.world.tag}`).waitFor();
    await heading(page, /^Welcome, /);
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe(suite.world.other.id);
  });
});
