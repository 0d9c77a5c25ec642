import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../db/queries/provisioning.ts';
import { previousMonth } from '../../domain/mi.ts';
import { hashPassword } from '../../services/passwords.ts';
import { expectAccessible } from '../helpers/browser.ts';
import { makePdf } from '../helpers/files.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { browserSuite, freshUser, heading, menu, signIn, summary } from './support.ts';

const suite = browserSuite();

/** Reads a download the page starts with `click`. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await click();
  const chunks: Buffer[] = [];
  for await (const c of await (await download).createReadStream()) chunks.push(c as Buffer);
  return { name: (await download).suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** The success banner saying what the last action did. */
const banner = (page: Page, text: string | RegExp) => page.getByRole('alert').getByText(text).waitFor();

const auditOf = (action: string, targetId: string) =>
  suite.portal.sys.db('audit_log').where({ action, targetId }).select('actorId', 'detail');

/** Waits for a condition the workflows meet in their own time. */
async function eventually<T>(read: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('provider administration in the browser', () => {
  let admin: { id: string; username: string };
  let page: Page;

  beforeAll(async () => {
    const { world } = suite;
    const username = `provadmin-${world.tag}`;
    const id = await createUser(
      suite.portal.sys.db,
      {
        username,
        email: `${username}@provider-${world.tag}.test`,
        passwordHash: await hashPassword(PASSWORD),
        title: 'Ms',
        firstName: 'Petra',
        surname: `Admin${world.tag}`,
        jobTitle: 'Service manager',
        telephone: '0113 496 0000',
        workAddress: '1 Test Street, Leeds',
        workPostcode: 'LS1 1AA',
      },
      [{ organisationId: world.provider.id, permissions: ['provider_admin'] }],
    );
    admin = { id, username };
    page = await suite.pages.open();
    await signIn(page, username);
  });

  it('creates an organisation through its form (errors first), then changes its settings and rotates its code', async () => {
    const { world } = suite;
    const { db } = suite.portal.sys;
    await menu(page).getByRole('link', { name: 'Organisations' }).click();
    await heading(page, 'Organisations');
    await page.getByRole('table', { name: 'Organisations' }).waitFor();
    await expectAccessible(page, 'provider admin: organisations');

    await page.getByRole('button', { name: 'Create an organisation' }).click();
    await heading(page, 'Create an organisation');
    await expectAccessible(page, 'provider admin: create an organisation');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await summary(page).getByRole('link', { name: 'Enter the organisation name' }).waitFor();
    expect(await page.title()).toBe('Error: Create an organisation - Casebook');
    await expectAccessible(page, 'provider admin: create with errors');
    // The summary's link takes the keyboard to the field it names.
    await summary(page).getByRole('link', { name: 'Enter the organisation name' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('name');

    const code = `N${world.tag}`.toUpperCase();
    await page.getByLabel('Name', { exact: true }).fill(`New Org ${world.tag}`);
    await page.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
    await page.getByLabel('Case number prefix').fill(`NEW/${world.tag}`);
    await page.getByLabel('Email domains').fill(`new-${world.tag}.test\n@Second-${world.tag}.TEST`);
    await page.getByLabel('Locations').fill('Leeds\nYork');
    await page.getByLabel('Divisions').fill('Operations');
    await page.getByLabel('Departments').fill('Claims\nFinance');
    await page.getByLabel('Management Referral').check();
    await page.getByLabel('Health Assessment (pre-placement)').check();
    await page.getByLabel("Referrals need an approver's approval before they are sent").check();
    await page.getByLabel('Days to triage').fill('ten');
    await page.getByLabel('Days to first appointment').fill('12');
    await page.getByLabel('Days to advice letter').fill('30');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await summary(page).getByRole('link', { name: 'Enter the days to triage as a whole number' }).waitFor();
    await page.getByLabel('Days to triage').fill('4');
    await page.getByRole('button', { name: 'Create the organisation' }).click();
    await heading(page, `New Org ${world.tag}`);

    const created = await db('organisations').where({ code }).first();
    expect(created).toMatchObject({
      name: `New Org ${world.tag}`,
      caseNumberPrefix: `NEW/${world.tag}`,
      requiresApproval: true,
      requiresTwoFactor: false,
      slaTriageDays: 4,
      slaFirstAppointmentDays: 12,
      slaAdviceLetterDays: 30,
    });
    expect(await db('locations').where({ organisationId: created.id }).orderBy('name').pluck('name')).toEqual([
      'Leeds',
      'York',
    ]);
    expect(await db('email_domains').where({ organisationId: created.id }).orderBy('domain').pluck('domain')).toEqual([
      `new-${world.tag}.test`,
      `second-${world.tag}.test`,
    ]);
    expect(
      await db('organisation_questionnaire_types as o')
        .join('questionnaire_types as q', 'q.id', 'o.questionnaireTypeId')
        .where('o.organisationId', created.id)
        .pluck('q.key'),
    ).toEqual(['health-assessment']);
    expect(await auditOf('organisation.created', created.id)).toEqual([{ actorId: admin.id, detail: null }]);
    const shown = await page.getByTestId('verification-code').textContent();
    expect(shown).toBe(created.verificationCode);
    await expectAccessible(page, 'provider admin: an organisation');

    await page.getByRole('button', { name: 'Rotate the verification code' }).click();
    await banner(page, 'The verification code is changed');
    const rotated = (await db('organisations').where({ id: created.id }).first()).verificationCode;
    expect(rotated).not.toBe(created.verificationCode);
    expect(await page.getByTestId('verification-code').textContent()).toBe(rotated);
    expect(await auditOf('organisation.verification_code_rotated', created.id)).toHaveLength(1);

    await page.getByRole('link', { name: 'Change the settings' }).click();
    await heading(page, "Change the organisation's settings");
    await page.getByRole('link', { name: `Back to New Org ${world.tag}` }).waitFor();
    await expectAccessible(page, 'provider admin: change settings');
    await page.getByLabel('Name', { exact: true }).fill(`Renamed Org ${world.tag}`);
    await page.getByLabel('Locations').fill('Leeds\nYork\nHull');
    await page.getByLabel('Everyone must use two-factor authentication').check();
    await page.getByLabel('Days to advice letter').fill('21');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await banner(page, 'The settings are saved');
    await heading(page, `Renamed Org ${world.tag}`);
    expect(await db('organisations').where({ id: created.id }).first()).toMatchObject({
      name: `Renamed Org ${world.tag}`,
      requiresTwoFactor: true,
      slaAdviceLetterDays: 21,
    });
    expect(await db('locations').where({ organisationId: created.id }).orderBy('name').pluck('name')).toEqual([
      'Hull',
      'Leeds',
      'York',
    ]);
    const [updated] = await auditOf('organisation.updated', created.id);
    expect(updated.actorId).toBe(admin.id);
    expect(updated.detail.fields.split(',').sort()).toEqual([
      'locations',
      'name',
      'requiresTwoFactor',
      'slaAdviceLetterDays',
    ]);
  });

  it("unlocks an account and changes a user's registered email, each told by email", async () => {
    const { world } = suite;
    const { db, mail } = suite.portal.sys;
    const user = await freshUser(suite.portal, world);
    await db('users').where({ id: user.id }).update({ lockedAt: new Date(), failedLoginCount: 3 });
    const name = `${user.firstName} ${user.surname}`;

    await page.goto(`/admin/organisations/${world.client.id}/users`);
    await heading(page, 'Users');
    await page.getByRole('table', { name: 'Users' }).waitFor();
    // Whose users they are: the organisation's name in the caption and the way back.
    await page.getByRole('link', { name: `Back to Client ${world.tag}` }).waitFor();
    await page.locator('.govuk-caption-l', { hasText: `Client ${world.tag}` }).waitFor();
    await expectAccessible(page, 'provider admin: users');
    await page.getByRole('button', { name: `Unlock ${name}` }).click();
    await banner(page, `${name}'s account is unlocked`);
    expect((await db('users').where({ id: user.id }).first()).lockedAt).toBeNull();
    expect(await auditOf('account.unlocked', user.id)).toMatchObject([{ actorId: admin.id }]);
    const unlockedMail = await mail.waitFor((m) => m.to.includes(user.email));
    expect(unlockedMail.subject).toBe('Your Casebook account has been unlocked');

    await page.getByRole('button', { name: `Change email ${name}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.getByLabel('New email address').fill(`${user.username}@elsewhere.example`);
    await page.getByRole('button', { name: 'Change the email address' }).click();
    await summary(page)
      .getByRole('link', { name: /must be at a domain registered by the user's organisation/ })
      .waitFor();
    await expectAccessible(page, 'provider admin: change email with an error');
    const newEmail = `moved-${user.username}@client-${world.tag}.test`;
    await page.getByLabel('New email address').fill(newEmail);
    await page.getByRole('button', { name: 'Change the email address' }).click();
    await banner(page, `${name}'s registered email is changed`);
    expect((await db('users').where({ id: user.id }).first()).email).toBe(newEmail);
    const [changed] = await auditOf('account.email_changed', user.id);
    expect(changed.actorId).toBe(admin.id);
    expect(JSON.stringify(changed.detail)).not.toContain('@');
    for (const to of [user.email, newEmail]) {
      const told = await mail.waitFor(
        (m) => m.to.includes(to) && m.subject === 'The email address of your Casebook account has changed',
      );
      expect(told.text).toContain(`from ${user.email} to ${newEmail}`);
    }
  });

  it("publishes a document to an organisation's library (type checked by content), which its user downloads", async () => {
    const { world } = suite;
    const { db } = suite.portal.sys;
    await page.goto(`/admin/organisations/${world.client.id}/library`);
    await heading(page, 'Library');
    await page.getByRole('link', { name: `Back to Client ${world.tag}` }).waitFor();
    await expectAccessible(page, 'provider admin: library');

    await page.getByLabel('Title').fill('Not really a PDF');
    await page.getByLabel('File').setInputFiles({
      name: 'guide.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00 this is a program, not a PDF'),
    });
    await page.getByRole('button', { name: 'Publish the document' }).click();
    await summary(page).waitFor();
    expect(await db('library_documents').where({ organisationId: world.client.id, title: 'Not really a PDF' })).toEqual(
      [],
    );

    const title = `Referral guide ${world.tag}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('File').setInputFiles({
      name: 'referral-guide.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('How to make a referral'),
    });
    await page.getByRole('button', { name: 'Publish the document' }).click();
    await banner(page, `${title} is published`);
    await page
      .getByRole('table', { name: 'Published documents' })
      .getByRole('cell', { name: title, exact: true })
      .waitFor();
    await expectAccessible(page, 'provider admin: library with a document');
    const document = await db('library_documents').where({ organisationId: world.client.id, title }).first();
    expect(await auditOf('library.published', document.id)).toMatchObject([{ actorId: admin.id }]);

    const reader = await suite.pages.open();
    await signIn(reader, world.referrer.username);
    await menu(reader).getByRole('link', { name: 'Library' }).click();
    await heading(reader, 'Library');
    await expectAccessible(reader, 'library: an organisation user');
    const file = await downloaded(reader, () => reader.getByRole('link', { name: 'referral-guide.pdf' }).click());
    expect(file.name).toBe('referral-guide.pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await auditOf('library.downloaded', document.id)).toMatchObject([{ actorId: world.referrer.id }]);
  });

  it("builds an organisation's MI pack, runs it again, and its MI viewer downloads it", async () => {
    const { world } = suite;
    const { db } = suite.portal.sys;
    // The month a pack covers, on the UK calendar the API checks it against.
    const last = previousMonth(new Date());
    const packOf = () => db('mi_packs').where({ organisationId: world.client.id, month: last }).first('id', 'builtAt');

    await page.goto(`/admin/organisations/${world.client.id}/packs`);
    await heading(page, 'Previous MI');
    await page.getByRole('link', { name: `Back to Client ${world.tag}` }).waitFor();
    await expectAccessible(page, 'provider admin: MI packs');
    await page.getByLabel('Month').fill('next year');
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await summary(page).getByRole('link', { name: 'Enter the month as YYYY-MM' }).waitFor();
    await page.getByLabel('Month').fill(last);
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await banner(page, /^The pack for .* is being built$/);
    const first = await eventually(packOf, 'the first pack');

    await page.getByRole('button', { name: 'Refresh the list' }).click();
    const again = page.getByRole('button', { name: /^Run again for / });
    await again.waitFor();
    await expectAccessible(page, 'provider admin: MI packs listed');
    await again.click();
    await banner(page, /^The pack for .* is being built$/);
    await eventually(async () => {
      const pack = await packOf();
      return pack && new Date(pack.builtAt) > new Date(first.builtAt) ? pack : undefined;
    }, 'the pack built again');
    const runs = await db('audit_log')
      .where({ action: 'mi_pack.run', targetId: world.client.id })
      .select('actorId', 'detail');
    expect(runs).toEqual([
      { actorId: admin.id, detail: { month: last } },
      { actorId: admin.id, detail: { month: last } },
    ]);

    const viewer = await suite.pages.open();
    await signIn(viewer, world.top.username);
    await viewer.goto('/mi?tab=previous');
    await viewer.getByRole('table', { name: 'Monthly report packs' }).waitFor();
    await expectAccessible(viewer, 'Previous MI: a pack to download');
    const xlsx = await downloaded(viewer, () => viewer.getByRole('link', { name: /^Excel workbook for / }).click());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const pdf = await downloaded(viewer, () => viewer.getByRole('link', { name: /^PDF summary for / }).click());
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const downloads = await db('audit_log')
      .where({ action: 'mi_pack.downloaded', targetId: world.client.id, actorId: world.top.id })
      .pluck('detail');
    expect(downloads).toEqual([
      { pack: first.id, format: 'xlsx' },
      { pack: first.id, format: 'pdf' },
    ]);
  });
});
