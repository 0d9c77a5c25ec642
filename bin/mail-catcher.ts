import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps every message (as JSON files in a folder) so a
 * demo user or a test can read an email and follow its links. Never used in
 * production: there SMTP_URL names a real relay.
 */
export type CaughtMail = {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
};

export type MailCatcher = {
  port: number;
  smtpUrl: string;
  messages(): CaughtMail[];
  /** Resolves with the first message (already caught or yet to come) matching. */
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
};

export async function startMailCatcher(options: { port: number; dir: string; host?: string }): Promise<MailCatcher> {
  fs.mkdirSync(options.dir, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const waiters = new Set<() => void>();
  let seq = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        try {
          const parsed = await PostalMime.parse(Buffer.concat(chunks));
          const id = `${Date.now()}-${process.pid}-${++seq}`;
          const mail: CaughtMail = {
            id,
            receivedAt: new Date().toISOString(),
            from: parsed.from?.address ?? session.envelope.mailFrom?.toString() ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html ?? '',
          };
          fs.writeFileSync(path.join(options.dir, `${id}.json`), JSON.stringify(mail));
          for (const wake of waiters) wake();
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const messages = (): CaughtMail[] =>
    fs
      .readdirSync(options.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(options.dir, f), 'utf8')) as CaughtMail)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));

  return {
    port,
    smtpUrl: `smtp://${host}:${port}`,
    messages,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages().find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('No matching email arrived in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The mailbox page: every caught message, newest first, with its links. */
export function mailboxApp(catcher: Pick<MailCatcher, 'messages'>): Hono {
  const app = new Hono();
  const page = (title: string, body: ReturnType<typeof html>) => html`<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8" /><title>${title} - Casebook mailbox</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
        td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style></head>
      <body><main>${body}</main></body>
    </html>`;
  app.get('/', (c) => {
    const rows = catcher.messages().reverse();
    return c.html(
      page(
        'Inbox',
        html`<h1>Casebook mailbox</h1>
          <p>Every email Casebook sent while running locally. Nothing here left this machine.</p>
          <table>
            <thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
            <tbody>
              ${rows.map(
                (m) =>
                  html`<tr><td>${m.receivedAt}</td><td>${m.to.join(', ')}</td><td><a href="/messages/${m.id}">${m.subject}</a></td></tr>`,
              )}
            </tbody>
          </table>`,
      ),
    );
  });
  app.get('/messages/:id', (c) => {
    const m = catcher.messages().find((x) => x.id === c.req.param('id'));
    if (!m) return c.notFound();
    const linked = m.text.replace(/https?:\/\/\S+/g, (u) => `\u0000${u}\u0000`).split('\u0000');
    return c.html(
      page(
        m.subject,
        html`<p><a href="/">Back to the mailbox</a></p>
          <h1>${m.subject}</h1>
          <p>To: ${m.to.join(', ')}<br />Received: ${m.receivedAt}</p>
          <pre>${linked.map((part) => (/^https?:\/\//.test(part) ? html`<a href="${part}">${part}</a>` : part))}</pre>`,
      ),
    );
  });
  app.get('/api/messages', (c) => c.json(catcher.messages()));
  return app;
}
