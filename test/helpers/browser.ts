import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Durations } from '../../temporal.config.ts';
import { startTestSystem, type TestSystem } from './test-system.ts';

/** Debian's chromium, quiet: no network chatter, no sandbox (containers), no GPU. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const WEB_DIR = path.resolve('web');
const WEB_DIST = path.join(WEB_DIR, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the portal when there is no build, or the sources changed since the last one. */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(path.join(WEB_DIR, 'src')),
    newestMtime(path.join(WEB_DIR, 'public')),
    fs.statSync(path.join(WEB_DIR, 'index.html')).mtimeMs,
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

export type Portal = { sys: TestSystem; url: string; close(): Promise<void> };

/**
 * The whole system over real HTTP on 127.0.0.1, serving the built portal. The
 * server listens first, so the app is created knowing its exact public URL:
 * the CSRF check compares each request's Origin with it.
 */
export async function servePortal(options: { durations?: Partial<Durations> } = {}): Promise<Portal> {
  let app: TestSystem['app'] | undefined;
  let listening!: (info: AddressInfo) => void;
  const ready = new Promise<AddressInfo>((resolve) => (listening = resolve));
  const server = serve(
    {
      fetch: (request, env) => (app ? app.fetch(request, env) : new Response('Starting', { status: 503 })),
      hostname: '127.0.0.1',
      port: 0,
    },
    listening,
  ) as Server;
  const { port } = await ready;
  const url = `http://127.0.0.1:${port}`;
  const sys = await startTestSystem({
    publicUrl: url,
    webDist: WEB_DIST,
    ...(options.durations ? { durations: options.durations } : {}),
  });
  app = sys.app;
  return {
    sys,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sys.stop();
    },
  };
}

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with a readable list when axe finds WCAG 2.2 AA violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  if (violations.length === 0) return;
  const report = violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`Accessibility violations on ${what} (${page.url()}):\n${report}`);
}
