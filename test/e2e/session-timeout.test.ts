import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { activeText, freshUser, heading, menu, browserSuite, signIn } from './support.ts';

const suite = browserSuite();

/*
 * The browser's clock is Playwright's, so 18 idle minutes pass in an instant;
 * the server's clock is real, so to end the session there its row is expired.
 */
const dialog = (page: Page) => page.getByRole('dialog', { name: 'You will be signed out soon' });
const sessionExpiry = async (userId: string) =>
  new Date((await suite.portal.sys.db('sessions').where({ userId }).first('expiresAt')).expiresAt).getTime();

describe('the idle timeout', () => {
  let page: Page;
  let user: Awaited<ReturnType<typeof freshUser>>;

  it('warns two minutes before the session ends, in a dialog the keyboard alone can use; Escape stays signed in', async () => {
    user = await freshUser(suite.portal, suite.world);
    page = await suite.pages.open({ clock: true });
    await signIn(page, user.username);
    await menu(page).getByRole('link', { name: 'My Account' }).click();
    await heading(page, 'My Account');
    const before = await sessionExpiry(user.id);

    await page.clock.fastForward('17:30');
    expect(await dialog(page).count()).toBe(0);
    await page.clock.fastForward('01:00');
    await dialog(page).waitFor();
    await dialog(page)
      .getByText(/^We will sign you out in 1 minute \d+ seconds? because/)
      .waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    expect(await page.locator('#app').getAttribute('inert')).toBe('');
    await expectAccessible(page, 'timeout warning');

    // Focus stays in the dialog.
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Stay signed in');
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Sign out');
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Stay signed in');
    await page.keyboard.press('Shift+Tab');
    expect(await activeText(page)).toBe('Sign out');

    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => sessionExpiry(user.id)).toBeGreaterThan(before);
    expect(await page.locator('#app').getAttribute('inert')).toBeNull();
  });

  it('extends the session with "Stay signed in", pressed with Enter', async () => {
    const before = await sessionExpiry(user.id);
    await page.clock.fastForward('18:30');
    await dialog(page).waitFor();
    // The dialog takes focus on the frame after it appears.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('Stay signed in');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => sessionExpiry(user.id)).toBeGreaterThan(before);
    await heading(page, 'My Account');
  });

  it('signs out when the time is up, says why, and returns to the same page after signing in', async () => {
    await suite.portal.sys
      .db('sessions')
      .where({ userId: user.id })
      .update({ expiresAt: new Date(Date.now() - 1_000) });
    await page.clock.fastForward('20:30');
    await page.waitForURL('**/sign-in?next=%2Faccount');
    await page.getByText('You were signed out after 20 minutes without activity. Your work has been saved.').waitFor();
    await expectAccessible(page, 'sign-in after the timeout');

    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'My Account');
  });

  it('signs out from the dialog with "Sign out"', async () => {
    // The warning counts from the last response's expiry: let the page's own requests after signing
    // in finish first, or a late one restarts the count after the clock has moved (seen on a busy machine).
    await page.waitForLoadState('networkidle');
    await page.clock.fastForward('18:30');
    await dialog(page).getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(await suite.portal.sys.db('sessions').where({ userId: user.id }).first()).toBeUndefined();
  });
});
