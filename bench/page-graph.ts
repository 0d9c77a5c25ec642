import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * What each page of the built portal loads, for the page-weight budget. Vite's
 * manifest knows chunks only, and every page sits in the entry chunk, so the
 * build also records its module graph (which module imports which, statically
 * or lazily, and which chunk holds it); a page's weight is read from that.
 */

/** Beside Vite's own build metadata, which the API does not serve. */
export const PAGE_GRAPH_FILE = '.vite/page-graph.json';

/** The pages that set a password, as their modules under web/. */
export const PASSWORD_PAGES = [
  { name: 'register', module: 'src/pages/Register.tsx' },
  { name: 'reset password', module: 'src/pages/Recovery.tsx' },
  { name: 'change password', module: 'src/pages/ChangePassword.tsx' },
] as const;

/** Gzipped JS and CSS one page may load, in kB of 1,000 bytes as Vite reports sizes. */
export const PAGE_BUDGET_BYTES = 150_000;

type Chunk = { modules: string[]; imports: string[]; css: string[]; assets: string[] };
type PageGraph = {
  entry: string;
  chunks: Record<string, Chunk>;
  modules: Record<string, { imports: string[]; dynamicImports: string[] }>;
};

/** Writes PAGE_GRAPH_FILE into the build, with module ids relative to the portal's root. */
export function pageGraphPlugin(): Plugin {
  let root = '';
  return {
    name: 'casebook-page-graph',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const id = (moduleId: string) => (path.isAbsolute(moduleId) ? path.relative(root, moduleId) : moduleId);
      const graph: PageGraph = { entry: '', chunks: {}, modules: {} };
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        if (output.isEntry) graph.entry = output.fileName;
        graph.chunks[output.fileName] = {
          modules: output.moduleIds.map(id),
          imports: output.imports,
          css: [...(output.viteMetadata?.importedCss ?? [])],
          assets: [...(output.viteMetadata?.importedAssets ?? [])],
        };
      }
      for (const moduleId of this.getModuleIds()) {
        const info = this.getModuleInfo(moduleId);
        if (info)
          graph.modules[id(moduleId)] = {
            imports: info.importedIds.map(id),
            dynamicImports: info.dynamicallyImportedIds.map(id),
          };
      }
      this.emitFile({ type: 'asset', fileName: PAGE_GRAPH_FILE, source: JSON.stringify(graph) });
    },
  };
}

export type PageWeight = { files: string[]; jsGzip: number; cssGzip: number; total: number };

/**
 * The gzipped JS and CSS a page loads: the entry chunk with its CSS, and every
 * chunk holding a module the page reaches through imports, lazy ones included
 * (counted as loaded even if only some visits load them: an upper bound), with
 * the chunks, CSS and scripts (a worker, say) those chunks bring.
 */
export function pageWeight(dist: string, pageModule: string): PageWeight {
  const graphFile = path.join(dist, PAGE_GRAPH_FILE);
  if (!fs.existsSync(graphFile)) throw new Error(`${graphFile} is missing: build the portal first (npm run build:web)`);
  const graph = JSON.parse(fs.readFileSync(graphFile, 'utf8')) as PageGraph;
  if (!graph.modules[pageModule]) throw new Error(`${pageModule} is not in the build at ${dist}`);
  const chunkOf = new Map(
    Object.entries(graph.chunks).flatMap(([file, chunk]) => chunk.modules.map((m) => [m, file] as const)),
  );

  const chunks = new Set([graph.entry]);
  const seen = new Set<string>();
  const modules = [pageModule];
  for (let m = modules.pop(); m !== undefined; m = modules.pop()) {
    if (seen.has(m)) continue;
    seen.add(m);
    const chunk = chunkOf.get(m);
    if (chunk) chunks.add(chunk);
    modules.push(...(graph.modules[m]?.imports ?? []), ...(graph.modules[m]?.dynamicImports ?? []));
  }
  // Set iteration visits what is added during it: the closure over chunk imports.
  for (const chunk of chunks) for (const imported of graph.chunks[chunk]?.imports ?? []) chunks.add(imported);

  const files = new Set<string>();
  for (const chunk of chunks) {
    files.add(chunk);
    for (const file of [...(graph.chunks[chunk]?.css ?? []), ...(graph.chunks[chunk]?.assets ?? [])])
      if (/\.(js|css)$/.test(file)) files.add(file);
  }
  let jsGzip = 0;
  let cssGzip = 0;
  for (const file of files) {
    const size = zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length;
    if (file.endsWith('.css')) cssGzip += size;
    else jsGzip += size;
  }
  return { files: [...files].sort(), jsGzip, cssGzip, total: jsGzip + cssGzip };
}
