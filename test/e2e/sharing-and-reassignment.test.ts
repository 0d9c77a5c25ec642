/**
 * Sharing and reassignment in the browser (issues 11 and 13): My Account's Share Cases and Unshare, seen in
 * the other user's Track Referrals and in the case emails they get; Reassign Case from the case page, with
 * its history; Reassign cases and Leaver from User Admin, with the progress bar to its confirmation; and
 * User Admin's 03 User Shares, View shares and Remove Share. Each change is checked in the database and the
 * audit log, and every new page passes axe.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { ApiCaller } from '../helpers/http.ts';
import { browserSuite, freshUser, heading, signIn, summary } from './support.ts';

const suite = browserSuite();
const db = () => suite.portal.sys.db;
const nameOf = (who: 'top' | 'manager' | 'referrer' | 'peer') =>
  `${who[0]!.toUpperCase()}${who.slice(1)} Tester${suite.world.tag}`;
/** How a user is offered in the "new owner" lists. */
const optionOf = (who: 'manager' | 'peer') => `${nameOf(who)} (${suite.world[who].username})`;

const caller = (username: string) => ApiCaller.signIn(suite.portal.sys.app, username, PASSWORD);

/** A referrer's case, made and accepted through the API, about an employee with a surname of its own. */
async function acceptedCase(surname: string) {
  const referrer = await caller(suite.world.referrer.username);
  const { body } = await referrer.post('/api/referrals', {
    formKey: 'management-referral',
    formData: completeManagementReferral({ employeeFirstName: 'Sam', employeeSurname: surname }),
  });
  await referrer.post(`/api/referrals/${body.id}/submit`);
  const clinician = await caller(suite.world.clinician.username);
  const { body: accepted } = await clinician.post(`/api/triage/${body.id}/accept`, {});
  return { id: body.id as string, caseNumber: accepted.caseNumber as string };
}

/** `count` cases of a user written straight to the read model (the workflow moves rows, not runs). */
async function casesOf(ownerId: string, count: number) {
  const form = await db()('form_types').where({ key: 'management-referral' }).first('id');
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    organisationId: suite.world.client.id,
    formTypeId: form.id,
    authorId: ownerId,
    ownerId,
    status: i % 2 ? 'closed' : 'triage_ima_required',
  }));
  await db()('referrals').insert(rows);
  return rows.map((r) => r.id);
}

const ownersOf = async (ids: string[]) =>
  new Set((await db()('referrals').whereIn('id', ids).select('ownerId')).map((r: { ownerId: string }) => r.ownerId));

/** Whether a user's Open Cases, filtered to one employee, lists the case. */
async function listsCase(page: Page, surname: string, caseNumber: string) {
  await page.goto(`/referrals?tab=open&employee=${surname}`);
  await heading(page, 'Track Referrals');
  await page.waitForLoadState('networkidle');
  const table = page.getByRole('table', { name: 'Open Cases' });
  await table.waitFor();
  return (await table.getByText(caseNumber).count()) > 0;
}

let admin: Page;

beforeAll(async () => {
  // Top is the world's user admin; Reassign cases and Leaver also need Case reassigner.
  await db()('memberships')
    .where({ userId: suite.world.top.id, organisationId: suite.world.client.id })
    .update({ permissions: db().raw("array_append(permissions, 'case_reassigner')") });
  admin = await suite.pages.open();
  await signIn(admin, suite.world.top.username);
});

describe('sharing my cases (My Account → Shared Users)', () => {
  it('shows my cases in the other user’s Track Referrals and copies them the case emails, until I unshare', async () => {
    const { world } = suite;
    const surname = `Shared${world.tag}`;
    const { id, caseNumber } = await acceptedCase(surname);
    const peer = await suite.pages.open();
    await signIn(peer, world.peer.username);
    expect(await listsCase(peer, surname, caseNumber)).toBe(false);

    const owner = await suite.pages.open();
    await signIn(owner, world.referrer.username);
    await owner.goto('/account?tab=shared-users');
    await owner.getByRole('heading', { name: 'Shared Users' }).waitFor();
    await owner.getByRole('button', { name: 'Share Cases' }).click();
    await summary(owner).getByRole('link', { name: 'Choose a user to share your cases with' }).waitFor();
    await owner.getByLabel('Choose a user of your organisation').selectOption({ label: optionOf('peer') });
    await owner.getByRole('button', { name: 'Share Cases' }).click();
    await owner.getByText(`Your cases are now shared with ${nameOf('peer')}`).waitFor();
    const shares = owner.getByRole('table', { name: 'Users you share your cases with' });
    await shares.getByRole('cell', { name: world.peer.username }).waitFor();
    await expectAccessible(owner, 'My Account: shared with one user');
    expect(await db()('shares').where({ ownerId: world.referrer.id, viewerId: world.peer.id }).first()).toMatchObject({
      notify: true,
    });

    expect(await listsCase(peer, surname, caseNumber)).toBe(true);
    // A case event's email goes to the owner and, with notifications on, to the user shared with.
    await (await caller(world.clinician.username)).post(`/api/cases/${id}/actions`, {
      kind: 'appointment',
      scheduledAt: '2027-03-01T09:00:00Z',
      appointmentType: 'telephone',
    });
    const subject = `Appointment booked: case ${caseNumber}`;
    await suite.portal.sys.mail.waitFor((m) => m.subject === subject && m.to.includes(world.peer.email));

    await shares.getByRole('button', { name: `Unshare with ${nameOf('peer')}` }).click();
    await owner.getByText(`You no longer share your cases with ${nameOf('peer')}`).waitFor();
    expect(await db()('shares').where({ ownerId: world.referrer.id, viewerId: world.peer.id })).toEqual([]);
    expect(
      await db()('audit_log').where({ actorId: world.referrer.id, targetId: world.peer.id }).pluck('action'),
    ).toEqual(expect.arrayContaining(['share.added', 'share.removed']));
    expect(await listsCase(peer, surname, caseNumber)).toBe(false);
  });
});

describe('reassigning one case from its page', () => {
  it('asks for the new owner and a reason, moves the case, and its history says who, from whom and why', async () => {
    const { world } = suite;
    const surname = `Moved${world.tag}`;
    const { id, caseNumber } = await acceptedCase(surname);
    await admin.goto(`/cases/${id}`);
    await heading(admin, `Case ${caseNumber}`);
    await admin.getByRole('link', { name: `Reassign Case from ${nameOf('referrer')}` }).click();
    await heading(admin, 'Reassign case');
    await expectAccessible(admin, 'Reassign case');
    await admin.getByRole('button', { name: 'Confirm reassignment' }).click();
    const errors = summary(admin);
    await errors.getByRole('link', { name: 'Choose the new owner' }).waitFor();
    await errors.getByRole('link', { name: 'Enter the reason for the reassignment' }).waitFor();
    expect(await admin.title()).toBe('Error: Reassign case - Casebook');
    await expectAccessible(admin, 'Reassign case with errors');
    await errors.getByRole('link', { name: 'Choose the new owner' }).click();
    await expect.poll(() => admin.evaluate(() => document.activeElement?.id)).toBe('toUserId');
    // The current owner is refused, in words that say what to do.
    await admin.getByLabel('New owner').selectOption({ label: `${nameOf('referrer')} (${world.referrer.username})` });
    await admin.getByLabel('Reason for the reassignment').fill('Sam’s referrer is on long-term leave');
    await admin.getByRole('button', { name: 'Confirm reassignment' }).click();
    await errors.getByRole('link', { name: 'That user already owns this case: choose someone else' }).waitFor();
    await admin.getByLabel('New owner').selectOption({ label: optionOf('peer') });
    await admin.getByRole('button', { name: 'Confirm reassignment' }).click();

    await heading(admin, `Case ${caseNumber}`);
    await admin.getByRole('alert').getByText('Case reassigned').waitFor();
    await admin.getByText(`${nameOf('peer')} now owns this case.`).waitFor();
    await admin.getByRole('tab', { name: 'History' }).click();
    const history = admin.getByRole('table', { name: 'Reassignments' });
    const row = history.getByRole('row', { name: /long-term leave/ });
    await row.getByRole('cell', { name: nameOf('top') }).waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      expect.any(String),
      nameOf('top'),
      nameOf('referrer'),
      nameOf('peer'),
      'Sam’s referrer is on long-term leave',
    ]);
    await expectAccessible(admin, 'case history after a reassignment');

    expect(await db()('referrals').where({ id }).first('ownerId')).toEqual({ ownerId: world.peer.id });
    expect(await db()('audit_log').where({ action: 'case.reassigned', targetId: id }).first()).toMatchObject({
      actorId: world.top.id,
      detail: { from: world.referrer.id, to: world.peer.id },
    });
    // The new owner tracks it; the old one (in another branch) no longer sees it.
    const peer = await suite.pages.open();
    await signIn(peer, world.peer.username);
    expect(await listsCase(peer, surname, caseNumber)).toBe(true);
    const old = await suite.pages.open();
    await signIn(old, world.referrer.username);
    expect(await listsCase(old, surname, caseNumber)).toBe(false);
    await old.goto(`/cases/${id}`);
    await heading(old, 'Page not found');
    expect(await old.getByRole('link', { name: /Reassign Case/ }).count()).toBe(0);
  });
});

describe('reassigning all of a user’s cases (User Admin)', () => {
  it('starts from All Users, follows the workflow on a progress bar, and ends in a confirmation', async () => {
    const { world } = suite;
    const moved = await casesOf(world.manager.id, 12);
    await admin.goto(`/users?tab=all&q=${world.manager.username}`);
    await heading(admin, 'User Admin');
    const users = admin.getByRole('table', { name: 'All Users' });
    await users.getByRole('cell', { name: world.manager.username }).waitFor();
    await expectAccessible(admin, 'All Users with Reassign cases');
    await users.getByRole('link', { name: `Reassign cases of ${nameOf('manager')}` }).click();
    await heading(admin, `Reassign ${nameOf('manager')}'s cases`);
    await expectAccessible(admin, 'Reassign cases');
    await admin.getByLabel('New owner of the cases').selectOption({ label: optionOf('peer') });
    await admin.getByRole('button', { name: 'Reassign all cases' }).click();
    await summary(admin).getByRole('link', { name: 'Enter the reason for the reassignment' }).waitFor();
    await admin.getByLabel('Reason for the reassignment').fill('Team restructure');
    await admin.getByRole('button', { name: 'Reassign all cases' }).click();

    await admin.waitForURL(/\/admin\/reassignments\/[0-9a-f-]{36}$/);
    await heading(admin, 'Cases reassigned');
    await admin.locator('.govuk-panel').getByText('12 of 12 cases moved').waitFor();
    await expectAccessible(admin, 'Cases reassigned');
    expect(await ownersOf(moved)).toEqual(new Set([world.peer.id]));
    const id = new URL(admin.url()).pathname.split('/')[3]!;
    expect(await db()('reassignments').where({ id }).first()).toMatchObject({
      fromUserId: world.manager.id,
      toUserId: world.peer.id,
      reason: 'Team restructure',
      moved: 12,
      total: 12,
      finishedAt: expect.any(Date),
    });
    expect(await db()('audit_log').where({ action: 'cases.reassign_all_started', actorId: world.top.id })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: world.manager.id, detail: expect.objectContaining({ reassignment: id }) }),
      ]),
    );
  });

  it('shows "n of m cases moved" on an accessible progress bar while the cases move, then the panel', async () => {
    const { world } = suite;
    // A reassignment part-way, its counts kept in its row (what the page shows when no run answers a query).
    const [row] = await db()('reassignments')
      .insert({
        organisationId: world.client.id,
        fromUserId: world.peer.id,
        toUserId: world.manager.id,
        actorId: world.top.id,
        reason: 'Cover',
        scope: 'all',
        total: 10,
        moved: 3,
      })
      .returning('id');
    await admin.goto(`/admin/reassignments/${row.id}`);
    await heading(admin, `Moving ${nameOf('peer')}'s cases to ${nameOf('manager')}`);
    const bar = admin.getByRole('progressbar', { name: 'Cases moved' });
    expect(await bar.getAttribute('aria-valuetext')).toBe('3 of 10 cases moved');
    expect(await bar.evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max])).toEqual([
      3, 10,
    ]);
    expect(await admin.locator('[aria-live="polite"]').textContent()).toBe('3 of 10 cases moved');
    await expectAccessible(admin, 'reassign progress part-way');

    await db()('reassignments').where({ id: row.id }).update({ moved: 7 });
    await admin.locator('[aria-live="polite"]').getByText('7 of 10 cases moved').waitFor();
    await db()('reassignments').where({ id: row.id }).update({ moved: 10, finishedAt: db().fn.now() });
    await heading(admin, 'Cases reassigned');
    await admin.locator('.govuk-panel').getByText('10 of 10 cases moved').waitFor();
  });
});

describe('a leaver (User Admin)', () => {
  it('disables the account, ends its sessions and moves all its cases, in one action from the user’s page', async () => {
    const { world } = suite;
    const leaver = await freshUser(suite.portal, world);
    const name = `${leaver.firstName} ${leaver.surname}`;
    const cases = await casesOf(leaver.id, 5);
    const theirs = await suite.pages.open();
    await signIn(theirs, leaver.username);

    await admin.goto(`/admin/users/${leaver.id}`);
    await heading(admin, name);
    await expectAccessible(admin, 'a user’s page with Reassign cases and Leaver');
    await admin.getByRole('button', { name: `Leaver for ${name}` }).click();
    await heading(admin, `${name} is leaving`);
    await expectAccessible(admin, 'Leaver');
    await admin.getByLabel('New owner of the cases').selectOption({ label: optionOf('peer') });
    await admin.getByLabel('Reason for the reassignment').fill('Left the company');
    await admin.getByRole('button', { name: 'Disable account and reassign cases' }).click();
    await heading(admin, `${name} has left`);
    await admin.locator('.govuk-panel').getByText('5 of 5 cases moved').waitFor();
    await expectAccessible(admin, 'Leaver done');

    expect(await db()('users').where({ id: leaver.id }).first('status')).toEqual({ status: 'disabled' });
    expect(await db()('sessions').where({ userId: leaver.id })).toEqual([]);
    expect(await ownersOf(cases)).toEqual(new Set([world.peer.id]));
    expect(await db()('audit_log').where({ action: 'account.disabled', targetId: leaver.id }).first()).toMatchObject({
      actorId: world.top.id,
      detail: { leaver: true },
    });
    // Their open page finds itself signed out at its next request.
    await theirs.reload();
    await heading(theirs, 'Sign in to Casebook');
  });
});

describe('User Admin → 03 User Shares', () => {
  it('lists each sharing user’s shares behind View shares, and removes one after asking', async () => {
    const { world } = suite;
    await (await caller(world.referrer.username)).post('/api/account/shares', { viewerId: world.manager.id });
    await admin.goto('/admin/shares');
    await admin.waitForURL(/\/users\?tab=shares$/);
    await admin.getByRole('tab', { name: '03 User Shares', selected: true }).waitFor();
    const toggle = admin.getByText(`View shares of ${nameOf('referrer')}`);
    await toggle.waitFor();
    await expectAccessible(admin, 'User Shares, closed');
    await toggle.click();
    await admin.getByText(`Hide shares of ${nameOf('referrer')}`).waitFor();
    const table = admin.getByRole('table', { name: `Users who see ${nameOf('referrer')}'s cases` });
    await table.getByRole('cell', { name: world.manager.username }).waitFor();
    await expectAccessible(admin, 'User Shares, open');
    await table
      .getByRole('button', { name: `Remove Share of ${nameOf('referrer')} with ${nameOf('manager')}` })
      .click();
    const question = admin.getByRole('heading', { name: 'Remove this share?' });
    await question.waitFor();
    expect(await admin.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Remove this share?');
    await expectAccessible(admin, 'User Shares, removing');
    await admin.getByRole('button', { name: 'Yes, remove share' }).click();
    await admin
      .getByRole('alert')
      .getByText(`${nameOf('manager')} no longer sees ${nameOf('referrer')}'s cases`)
      .waitFor();
    expect(await db()('shares').where({ ownerId: world.referrer.id, viewerId: world.manager.id })).toEqual([]);
    expect(
      await db()('audit_log').where({ action: 'share.removed_by_admin', targetId: world.referrer.id }).first(),
    ).toMatchObject({ actorId: world.top.id, detail: { viewer: world.manager.id } });
    await admin.getByText('No one in your organisation shares their cases.').waitFor();
  });
});
