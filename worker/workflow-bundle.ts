import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { SetupError } from '../services/describe-error.ts';
import { WORKFLOWS_PATH } from './create-worker.ts';

/** Where the build writes the workflow bundle, beside the compiled entries (dist/workflow-bundle.js). */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

/** Bundles the workflow code (webpack, a few seconds) into one file a worker loads with `workflowBundle`. */
export async function writeWorkflowBundle(file: string, logger?: Logger): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...(logger ? { logger } : {}) });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
}

/**
 * The bundle made at build time when the worker runs compiled (dist/worker/main.js), so it never bundles
 * at start; undefined when it runs from source (tsx), where it bundles the current code at start.
 */
export function builtWorkflowBundle(entryUrl: string): string | undefined {
  if (!entryUrl.endsWith('.js')) return undefined;
  const file = fileURLToPath(new URL(`../${WORKFLOW_BUNDLE_FILE}`, entryUrl));
  if (!fs.existsSync(file)) throw new SetupError(`The workflow bundle ${file} is missing: run npm run build.`);
  return file;
}
