import { fileURLToPath } from 'node:url';
import { NodePackageImporter } from 'sass';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { pageGraphPlugin } from '../bench/page-graph.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const API_ORIGIN = new URL(process.env.PUBLIC_URL ?? 'http://localhost:3000').origin;

export default defineConfig({
  root,
  base: '/',
  // The page graph lets the page-weight budget be measured on the build.
  plugins: [solid(), pageGraphPlugin()],
  css: {
    preprocessorOptions: {
      // Resolves `pkg:govuk-frontend` through the package's "sass" export.
      scss: { importers: [new NodePackageImporter()], style: 'compressed' },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts: no injected polyfill.
    modulePreload: { polyfill: false },
    // The API serves only /assets/* and /favicon.svg from the build.
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    // Sass compresses the CSS already; lightningcss rejects a browser hack in
    // GOV.UK Frontend's service navigation (`min-width: 0\0`).
    cssMinify: false,
  },
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        // The API refuses state-changing requests whose Origin is not its own
        // public URL (CSRF). In development the page comes from Vite's origin,
        // so the proxy speaks for the API's.
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', API_ORIGIN);
          });
        },
      },
    },
  },
});
