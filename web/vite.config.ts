import { fileURLToPath } from 'node:url';
import { NodePackageImporter } from 'sass-embedded';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [solid()],
  css: {
    preprocessorOptions: {
      // Resolves `pkg:govuk-frontend` through the package's "sass" export.
      scss: { importers: [new NodePackageImporter()] },
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
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
