import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

const DIR = path.resolve('test/fixtures/histories');

/** With RECORD_HISTORIES=1, stores a finished run's history (the latest run's, or `runId`'s) for the replay test. */
export async function recordHistory(client: Client, name: string, workflowId: string, runId?: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  fs.mkdirSync(DIR, { recursive: true });
  fs.writeFileSync(
    path.join(DIR, `${name}.json`),
    `{"workflowId": ${JSON.stringify(workflowId)},\n"history": ${historyToJSON(history)}}\n`,
  );
}
