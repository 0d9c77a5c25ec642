import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WORKBOOK_THREAD_ENTRY } from '../services/workbook-thread.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * A bench's API entry as production runs its processes (scripts/build.ts builds dist/ so): bundled
 * to JavaScript and started by node, without tsx, whose compiler, loader hooks and source maps would
 * be measured with it. Returns the file to start and how to remove it.
 */
export async function bundleBenchApi(entryPoint: string): Promise<{ file: string; remove: () => void }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bench-api-'));
  const remove = () => fs.rmSync(work, { recursive: true, force: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
  // dist/'s layout: the entry one folder down, worker threads' entries beside it, ES modules throughout.
  const file = path.join(work, entryPoint.replace(/\.ts$/, '.js'));
  fs.writeFileSync(path.join(work, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [entryPoint, WORKBOOK_THREAD_ENTRY],
    outbase: '.',
    outdir: work,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    logLevel: 'warning',
  });
  return { file, remove };
}

/** BENCH_API_NODE_ARGS: node options for a bench's API alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
export const benchApiNodeArgs = (): string[] => process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
