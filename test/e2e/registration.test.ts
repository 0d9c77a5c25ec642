import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES, type PasswordRuleKey } from '../../domain/password-policy.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { activeId, botCheckSolved, heading, linkIn, browserSuite, signIn, summary } from './support.ts';

const suite = browserSuite();

const PASSWORD = 'Wm4#Tz9!Hq2$Bx';
const label = (key: PasswordRuleKey) => PASSWORD_RULES.find((r) => r.key === key)!.label;
const ALL = PASSWORD_RULES.map((r) => r.key);

/** Waits until each rule shows the expected state: a tick and "(met)", or a cross and "(not met)". */
async function expectRules(page: Page, met: readonly PasswordRuleKey[], unmet: readonly PasswordRuleKey[]) {
  const list = page.getByRole('list', { name: 'Your password must have:' });
  for (const [keys, state, icon] of [
    [met, '(met)', '✓'],
    [unmet, '(not met)', '✗'],
  ] as const) {
    for (const key of keys) {
      const rule = list.getByRole('listitem').filter({ hasText: label(key) });
      await rule.filter({ hasText: state }).waitFor({ timeout: 10_000 });
      expect((await rule.textContent())?.trim().startsWith(icon), `${key} shows ${icon}`).toBe(true);
    }
  }
}

const registerButton = (page: Page) => page.getByRole('button', { name: 'Register' });

/** Types a password and waits for the server's answer about it, which the live ticks follow. */
async function typeAndCheck(page: Page, password: string): Promise<Record<PasswordRuleKey, boolean>> {
  const answer = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/password-check' && r.request().postDataJSON()?.password === password,
  );
  await page.getByLabel('Password', { exact: true }).fill(password);
  return ((await (await answer).json()) as { rules: Record<PasswordRuleKey, boolean> }).rules;
}

describe('registering for an account', () => {
  let page: Page;
  const username = `nia${Math.floor(Math.random() * 1e6)}`;
  const email = `${username}@client-WORLD.test`;
  const workEmail = () => email.replace('WORLD', suite.world.tag);
  const chunks: string[] = [];

  it('starts from sign-in with the Verification Code: a wrong one is "Invalid Verification Code"', async () => {
    page = await suite.pages.open();
    page.on('request', (r) => chunks.push(new URL(r.url()).pathname));
    await page.goto('/sign-in');
    await heading(page, 'Sign in to Casebook');
    await page.getByRole('link', { name: 'Register for an account' }).click();
    await heading(page, 'Register for an account');
    expect(await page.title()).toBe('Register for an account - Casebook');
    await expectAccessible(page, 'register: verification code');

    await page.getByLabel('Verification Code').fill('not-a-code');
    await page.getByRole('button', { name: 'Continue' }).click();
    await summary(page).getByRole('link', { name: 'Invalid Verification Code' }).waitFor();
    await page.locator('#verificationCode-error').getByText('Invalid Verification Code').waitFor();
    expect(await page.title()).toBe('Error: Register for an account - Casebook');
    await expectAccessible(page, 'register: invalid code');
    // Nothing is asked about a password before there is one.
    expect(chunks.filter((c) => c === '/api/password-check')).toEqual([]);
  });

  it('shows the company name, its managers and its locations for a right code', async () => {
    await page.getByLabel('Verification Code').fill(`client-${suite.world.tag}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Your details');
    await page.locator('.govuk-summary-list__value').getByText(`Client ${suite.world.tag}`, { exact: true }).waitFor();
    const managers = await page.getByLabel('Select your manager').locator('option').allTextContents();
    expect(managers).toContain(`Manager Tester${suite.world.tag}`);
    expect(await page.getByText('It is not necessarily your line manager.', { exact: false }).count()).toBe(1);
    expect(await page.getByLabel('Location').locator('option').allTextContents()).toEqual([
      'Choose an option',
      'Leeds',
      'York',
    ]);
    await page.locator('altcha-widget input[type="checkbox"]').waitFor();
    await expectAccessible(page, 'register: the form');
    // The common-words list stays on the server: the page asks it about what is typed.
    expect(chunks.filter((c) => c.includes('common-words'))).toEqual([]);
  });

  it('ticks each password rule as it is met, and keeps Register unavailable until all are', async () => {
    const password = page.getByLabel('Password', { exact: true });
    const confirmation = page.getByLabel('Confirm password');
    await page.getByLabel('User name').fill(username);
    await expectRules(page, [], ALL);
    expect(await registerButton(page).getAttribute('aria-disabled')).toBe('true');
    await page.getByText('You can continue when your password meets all the rules.').waitFor();

    await password.fill('aaa');
    await expectRules(
      page,
      ['lower', 'maxLength', 'noCommonWords', 'notUsername'],
      ['digit', 'upper', 'symbol', 'noTripleRepeat', 'minLength', 'matches'],
    );
    expect((await typeAndCheck(page, 'Password1!')).noCommonWords).toBe(false);
    await expectRules(
      page,
      ['digit', 'upper', 'lower', 'symbol', 'noTripleRepeat', 'minLength', 'maxLength', 'notUsername'],
      ['noCommonWords', 'matches'],
    );
    // A word disguised with digits is still a common word, as the server says at submit.
    expect((await typeAndCheck(page, 'Xq7!5unsh1n3')).noCommonWords).toBe(false);
    await expectRules(
      page,
      ['digit', 'upper', 'lower', 'symbol', 'minLength', 'notUsername'],
      ['noCommonWords', 'matches'],
    );
    await password.fill(`Q7!${username}x`);
    await expectRules(page, ['digit', 'upper', 'symbol'], ['notUsername', 'matches']);
    await password.fill(PASSWORD.repeat(8));
    await expectRules(page, ['minLength'], ['maxLength']);
    await expectAccessible(page, 'register: password rules partly met');

    await password.fill('');
    await password.pressSequentially(PASSWORD);
    await confirmation.fill(`${PASSWORD}x`);
    await expectRules(
      page,
      ALL.filter((k) => k !== 'matches'),
      ['matches'],
    );
    expect(await registerButton(page).getAttribute('aria-disabled')).toBe('true');
    // Pressed anyway: the error summary says which rule is not met.
    await registerButton(page).press('Enter');
    await summary(page).getByRole('link', { name: 'The passwords do not match' }).click();
    await expect.poll(() => activeId(page)).toBe('passwordConfirmation');

    await confirmation.fill(PASSWORD);
    await expectRules(page, ALL, []);
    expect(await registerButton(page).getAttribute('aria-disabled')).toBeNull();
    expect(await page.getByText('You can continue when your password meets all the rules.').count()).toBe(0);
    await page.getByText('All password rules are met.').waitFor();
  });

  it('says when the email is not at the organisation’s domain, with the bot check solved in the browser', async () => {
    await page.getByLabel('Select your manager').selectOption({ label: `Manager Tester${suite.world.tag}` });
    await page.getByLabel('Location').selectOption({ label: 'York' });
    await page.getByLabel('Title', { exact: true }).fill('Dr');
    await page.getByLabel('First Name').fill('Nia');
    await page.getByLabel('Surname').fill('Newbie');
    await page.getByLabel('Work Address').fill('3 Office Park, Leeds');
    await page.getByLabel('Work Post Code').fill('LS3 3CC');
    await page.getByLabel('Job Title').fill('Team Leader');
    await page.getByLabel('Contact Telephone No').fill('0113 496 0999');
    await page.getByLabel('Email Address', { exact: true }).fill('nia@gmail.com');
    await page.getByLabel('Confirm Email Address').fill('nia@gmail.com');
    // The widget started its proof of work when the form was first used.
    await botCheckSolved(page);
    await expectAccessible(page, 'register: bot check solved');

    await registerButton(page).click();
    const problem = `Use your work email address: it must be at an email domain Client ${suite.world.tag} has registered with us`;
    await summary(page).getByRole('link', { name: problem }).waitFor();
    await page.locator('#email-error').getByText(problem).waitFor();
    await expectAccessible(page, 'register: email refused');
  });

  it('registers once the email is right, and says to check the email', async () => {
    await page.getByLabel('Email Address', { exact: true }).fill(workEmail());
    await page.getByLabel('Confirm Email Address').fill(workEmail());
    // The first check was spent on the refused attempt; a new one is solved.
    await botCheckSolved(page);
    await registerButton(page).click();
    await heading(page, 'Check your email');
    await page.getByText('we have sent a link to activate your account', { exact: false }).waitFor();
    await expectAccessible(page, 'register: check your email');
  });

  it('activates the account from the emailed link, after which signing in works', async () => {
    const mail = await suite.portal.sys.mail.waitFor(
      (m) => m.to.includes(workEmail()) && m.subject === 'Activate your Casebook account',
    );
    const link = linkIn(mail.text, `${suite.portal.url}/activate?token=`);
    await page.goto(link);
    await heading(page, 'Your account is active');
    await expectAccessible(page, 'account activated');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await heading(page, 'Sign in to Casebook');
    await signIn(page, username, PASSWORD);
    await page.getByText(`Signed in as Nia Newbie, Client ${suite.world.tag}`).waitFor();

    // The link works once.
    const again = await suite.pages.open();
    await again.goto(link);
    await heading(again, 'Your account could not be activated');
    await again.getByText('This link has expired or has already been used.', { exact: false }).waitFor();
    await expectAccessible(again, 'activation link used');
  });
});
