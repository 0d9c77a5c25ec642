import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

const ASSETS = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);
const TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png' };

/**
 * The API reference page, served from the swagger-ui-dist package: no CDN, and
 * no inline script, so the strict Content-Security-Policy holds.
 */
export function docsRoutes() {
  // The package's folder, found without importing it: its index loads the whole browser bundle (~40 MB).
  const dir = path.dirname(fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')));
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Casebook API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><main><h1 class="visually-hidden">Casebook API reference</h1><div id="swagger-ui"></div></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`),
  );
  app.get('/init.js', (c) => {
    c.header('Content-Type', 'text/javascript');
    return c.body("window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });");
  });
  app.get('/:file', (c) => {
    const file = c.req.param('file');
    if (!ASSETS.has(file)) return c.notFound();
    c.header('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(fs.readFileSync(path.join(dir, file)));
  });
  return app;
}
