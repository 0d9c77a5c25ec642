import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import knex from 'knex';
import type { TestProject } from 'vitest/node';
import { createDb } from '../db/connection.ts';
import { migrateLatest } from '../db/migrate-latest.ts';
import { temporalCliPath } from '../scripts/temporal-cli-path.ts';
import { NAMESPACE, SA } from '../temporal.config.ts';
import { WORKFLOWS_PATH } from '../worker/create-worker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
  }
}

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  const cleanups: (() => Promise<void>)[] = [];

  // A database of its own for this run, dropped afterwards.
  const dbName = `casebook_test_${process.pid}_${Date.now()}`;
  const admin = knex({ client: 'pg', connection: SERVER_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${dbName}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  cleanups.push(async () => {
    await admin.raw(`drop database if exists ${dbName} with (force)`);
    await admin.destroy();
  });
  const db = createDb({ databaseUrl, dataDir: os.tmpdir() });
  await migrateLatest(db);
  await db.destroy();

  // One Temporal dev server for the run (or the one TEMPORAL_ADDRESS names).
  let temporalAddress = process.env.TEMPORAL_ADDRESS ?? '';
  const temporalNamespace = process.env.TEMPORAL_NAMESPACE ?? NAMESPACE;
  if (!temporalAddress) {
    const start = () =>
      TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: temporalCliPath() },
          namespace: temporalNamespace,
          ip: '127.0.0.1',
          searchAttributes: Object.values(SA),
          ui: false,
          log: { format: 'pretty', level: 'warn' },
        },
      });
    // The SDK gives the dev server a fixed 5 s to answer; on a busy machine it can miss that once.
    const env = await start().catch(start).catch(start);
    temporalAddress = env.address;
    cleanups.push(() => env.teardown());
  }

  // Workflows bundled once; every test worker loads this file.
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bundle-'));
  const workflowBundlePath = path.join(dir, 'workflows.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporalAddress);
  project.provide('temporalNamespace', temporalNamespace);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
