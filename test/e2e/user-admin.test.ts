import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../helpers/browser.ts';
import { browserSuite, freshUser, heading, menu, signIn, summary } from './support.ts';

const suite = browserSuite();

const auditOf = (action: string, targetId: string) =>
  suite.portal.sys.db('audit_log').where({ action, targetId }).orderBy('id').select('actorId', 'detail');
const permissionsOf = async (userId: string) =>
  (await suite.portal.sys.db('memberships').where({ userId, organisationId: suite.world.client.id }).first())
    .permissions as string[];
const banner = (page: Page, text: string) => page.getByRole('alert').getByText(text).waitFor();

describe("an organisation's user admin in the browser", () => {
  let admin: Page;

  beforeAll(async () => {
    admin = await suite.pages.open();
    await signIn(admin, suite.world.top.username);
  });

  it('grants and revokes permissions, and never removes the last user admin', async () => {
    const { world } = suite;
    const user = await freshUser(suite.portal, world);
    const name = `${user.firstName} ${user.surname}`;
    await menu(admin).getByRole('link', { name: 'User Admin' }).click();
    await heading(admin, 'User Admin');
    await admin.getByRole('table', { name: 'All Users' }).getByRole('link', { name }).click();
    await heading(admin, name);
    await expectAccessible(admin, 'User Admin: a user');

    await admin.getByLabel('MI viewer').check();
    await admin.getByLabel('Approver').check();
    await admin.getByRole('button', { name: 'Save permissions and manager' }).click();
    await banner(admin, `${name}'s permissions and manager are saved`);
    expect((await permissionsOf(user.id)).sort()).toEqual(['approver', 'mi_viewer', 'referrer']);
    expect(await auditOf('user.permissions_changed', user.id)).toEqual([
      { actorId: world.top.id, detail: { added: 'approver,mi_viewer', removed: '' } },
    ]);
    await expectAccessible(admin, 'User Admin: permissions saved');

    await admin.getByLabel('Approver').uncheck();
    await admin.getByRole('button', { name: 'Save permissions and manager' }).click();
    await expect.poll(async () => (await permissionsOf(user.id)).sort()).toEqual(['mi_viewer', 'referrer']);
    expect((await auditOf('user.permissions_changed', user.id)).at(-1)).toEqual({
      actorId: world.top.id,
      detail: { added: '', removed: 'approver' },
    });

    // The top is the organisation's only user admin: taking it away is refused, and nothing changes.
    await admin.goto(`/admin/users/${world.top.id}`);
    await admin.getByLabel('User admin').uncheck();
    await admin.getByRole('button', { name: 'Save permissions and manager' }).click();
    await summary(admin)
      .getByText(/is the only user admin of this organisation/)
      .waitFor();
    expect(await admin.title()).toMatch(/^Error: /);
    await expectAccessible(admin, 'User Admin: the last user admin refused');
    expect(await permissionsOf(world.top.id)).toContain('user_admin');
    expect(await auditOf('user.permissions_changed', world.top.id)).toEqual([]);
  });

  it('disables and enables an account, each audited', async () => {
    const { world } = suite;
    const { db } = suite.portal.sys;
    const user = await freshUser(suite.portal, world);
    const name = `${user.firstName} ${user.surname}`;
    await admin.goto(`/admin/users/${user.id}`);
    await heading(admin, name);
    await admin.getByRole('button', { name: 'Disable account' }).click();
    await banner(admin, `${name}'s account is disabled`);
    expect((await db('users').where({ id: user.id }).first()).status).toBe('disabled');
    await expectAccessible(admin, 'User Admin: disabled');
    await admin.getByRole('button', { name: 'Enable account' }).click();
    await banner(admin, `${name}'s account is enabled`);
    expect((await db('users').where({ id: user.id }).first()).status).toBe('active');
    expect(await auditOf('account.disabled', user.id)).toMatchObject([{ actorId: world.top.id }]);
    expect(await auditOf('account.enabled', user.id)).toMatchObject([{ actorId: world.top.id }]);
  });

  it('unlocks an account from Locked Users, and its owner is emailed', async () => {
    const { world } = suite;
    const { db, mail } = suite.portal.sys;
    const user = await freshUser(suite.portal, world);
    await db('users').where({ id: user.id }).update({ lockedAt: new Date(), failedLoginCount: 3 });
    await admin.goto('/users?tab=locked');
    await admin.getByRole('table', { name: 'Locked Users' }).waitFor();
    await admin.getByRole('button', { name: `Unlock ${user.firstName} ${user.surname}` }).click();
    await banner(admin, `${user.firstName} ${user.surname}'s account is unlocked`);
    expect((await db('users').where({ id: user.id }).first()).lockedAt).toBeNull();
    expect(await auditOf('account.unlocked', user.id)).toMatchObject([{ actorId: world.top.id }]);
    const told = await mail.waitFor((m) => m.to.includes(user.email));
    expect(told.subject).toBe('Your Casebook account has been unlocked');
    expect(told.html).toContain('an administrator has now unlocked it');
  });

  it('exports the users to Excel with their state', async () => {
    const { world } = suite;
    await admin.goto('/users');
    await heading(admin, 'User Admin');
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: /^Export Users/ }).click();
    const chunks: Buffer[] = [];
    for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(['Full Name', 'Username', 'Email', 'Job Title', 'Account State', 'Last Sign-in']);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const top = rows.find((r) => r?.[2] === world.top.username);
    expect(top?.[5]).toBe('Active');
    expect(
      await suite.portal.sys.db('audit_log').where({ action: 'users.exported', actorId: world.top.id }).count('* as n'),
    ).toEqual([{ n: '1' }]);
  });
});
