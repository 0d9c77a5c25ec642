import nodemailer from 'nodemailer';
import type { RenderedEmail } from './email-templates.ts';

export type Mailer = { send(to: string | string[], email: RenderedEmail): Promise<void>; close(): void };

/** Real SMTP through nodemailer, from the unmanned mailbox. */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(to, email) {
      await transport.sendMail({ from: options.from, to, subject: email.subject, text: email.text, html: email.html });
    },
    close: () => transport.close(),
  };
}
