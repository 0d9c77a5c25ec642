import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WORKBOOK_THREAD_ENTRY } from '../services/workbook-thread.ts';
import { WORKFLOW_BUNDLE_FILE, writeWorkflowBundle } from '../worker/workflow-bundle.ts';

/**
 * The production processes (and the operator's casebook command) as JavaScript, so they start as
 * `node dist/...` with nothing between the supervisor and the process (no npm, sh or tsx) and no workflow
 * bundling at start. The portal is built separately by Vite into web/dist (npm run build runs both).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PROCESS_ENTRIES = ['api/server.ts', 'worker/main.ts', 'db/migrate.ts', 'bin/casebook.ts'] as const;
/** Worker threads' entries: started by their path, so built beside the processes' own folders. */
export const THREAD_ENTRIES = [WORKBOOK_THREAD_ENTRY] as const;

const quiet = () => undefined;
const workflowLogger = {
  trace: quiet,
  debug: quiet,
  info: quiet,
  warn: console.warn,
  error: console.error,
  log: quiet,
};

export async function buildProcesses(outDir = path.join(ROOT, 'dist')): Promise<void> {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [...PROCESS_ENTRIES, ...THREAD_ENTRIES],
    outbase: '.',
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // Our code is compiled in; packages are imported from node_modules at run time, as installed.
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  refuseDevDependencies(result.metafile);
  // The files are ES modules wherever dist/ is put.
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  await writeWorkflowBundle(path.join(outDir, WORKFLOW_BUNDLE_FILE), workflowLogger);
}

/** A package a process imports must survive `npm prune --omit=dev`: the build fails rather than the start. */
function refuseDevDependencies(metafile: {
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const runtime = new Set(Object.keys(manifest.dependencies));
  const wrong = new Set<string>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
      if (!runtime.has(name)) wrong.add(`${name} (imported by ${path.relative(ROOT, file)})`);
    }
  }
  if (wrong.size > 0) {
    throw new Error(
      `Not in package.json "dependencies", so missing after npm prune --omit=dev: ${[...wrong].join(', ')}`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now();
  await buildProcesses();
  console.log(
    `Built ${[...PROCESS_ENTRIES, ...THREAD_ENTRIES].map((e) => `dist/${e.replace(/\.ts$/, '.js')}`).join(', ')} ` +
      `and dist/${WORKFLOW_BUNDLE_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}
