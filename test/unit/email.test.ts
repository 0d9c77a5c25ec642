import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECTION_CATEGORIES } from '../../domain/rejection.ts';
import { emailTemplates } from '../../services/email-templates.ts';
import { mailboxApp, startMailCatcher, type MailCatcher } from '../../bin/mail-catcher.ts';
import { createMailer } from '../../services/mailer.ts';

const context = {
  recipientName: 'Rita <Referrer>',
  formName: 'Management Referral',
  reference: 'CSM/OM/MD/7',
  url: 'http://localhost:3000/cases/abc',
};

describe('email templates', () => {
  it('says "Rejected <type> referral" as the spec words it', () => {
    expect(emailTemplates['referral-rejected'](context).subject).toBe('Rejected Management referral');
  });

  it('names the rejection category, in words, in the text and the HTML body', () => {
    const email = emailTemplates['referral-rejected']({ ...context, rejectionCategory: 'wrong_referral_type' });
    expect(email.text).toContain('\n\nReason: Wrong referral type\n\n');
    expect(email.html).toContain('<p>Reason: Wrong referral type</p>');
    expect(email.text).not.toContain('wrong_referral_type');
  });

  it('has a label for every rejection category', () => {
    for (const { key, label } of REJECTION_CATEGORIES) {
      const email = emailTemplates['referral-rejected']({ ...context, rejectionCategory: key });
      expect(email.text).toContain(`Reason: ${label}`);
    }
  });

  it('leaves the reason line out when no category was recorded', () => {
    const email = emailTemplates['referral-rejected'](context);
    expect(email.text).toContain('was rejected.');
    expect(email.text).not.toContain('Reason:');
  });

  it('has a plain-text and an HTML body, both with the link', () => {
    for (const render of Object.values(emailTemplates)) {
      const email = render(context);
      expect(email.text).toContain(context.url);
      expect(email.html).toContain(`href="${context.url}"`);
    }
  });

  it('escapes names in the HTML body', () => {
    expect(emailTemplates['case-accepted'](context).html).toContain('Rita &lt;Referrer&gt;');
  });
});

describe('mail catcher', () => {
  let catcher: MailCatcher;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-mail-test-'));
    catcher = await startMailCatcher({ port: 0, dir });
  });
  afterAll(async () => {
    await catcher.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('catches a message sent over real SMTP and keeps it on disk', async () => {
    const mailer = createMailer({ smtpUrl: catcher.smtpUrl, from: 'Casebook <no-reply@casebook.test>' });
    await mailer.send('rita@client.test', emailTemplates['case-accepted'](context));
    mailer.close();
    const mail = await catcher.waitFor((m) => m.to.includes('rita@client.test'));
    expect(mail.subject).toBe('Management referral accepted: case CSM/OM/MD/7');
    expect(mail.text).toContain(context.url);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it('shows caught messages on the mailbox page with clickable links', async () => {
    const app = mailboxApp(catcher);
    const inbox = await (await app.request('/')).text();
    expect(inbox).toContain('Management referral accepted');
    const id = catcher.messages()[0]!.id;
    const message = await (await app.request(`/messages/${id}`)).text();
    expect(message).toContain(`<a href="${context.url}">`);
  });
});
