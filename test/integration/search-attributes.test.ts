import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runOperatorCommand } from '../../bin/operator/cli.ts';
import type { OperatorDeps } from '../../bin/operator/deps.ts';
import { SetupError } from '../../services/describe-error.ts';
import { checkSearchAttributes } from '../../services/search-attributes.ts';
import { requireSearchAttributes } from '../../services/start-up.ts';

/**
 * Namespaces made for this file on the run's dev server start without our search attributes, as a new
 * production namespace does: the API and the worker refuse to start on one, naming the attributes and the
 * command; that command (and migrate) registers them; registering twice is fine.
 */
const ALL = 'CaseStatus, ReferralType, OrganisationCode, CaseNumber, QuestionnaireType';
const TYPE = proto.temporal.api.enums.v1.IndexedValueType;
let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
});
afterAll(() => connection?.close());

async function newNamespace(): Promise<string> {
  const namespace = `casebook-sa-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  return namespace;
}

async function register(namespace: string) {
  const out: string[] = [];
  const err: string[] = [];
  const deps = {
    temporalConfig: { address: inject('temporalAddress'), namespace },
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
  } as Partial<OperatorDeps> as OperatorDeps;
  const code = await runOperatorCommand(['search-attributes', 'register'], deps);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `tsx <entry>` with the environment of a production process pointed at `namespace`; resolves when it exits. */
function run(entry: string, namespace: string): Promise<{ code: number | null; output: string }> {
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: inject('databaseUrl'),
    DOCUMENT_KEY: randomBytes(32).toString('base64'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: `sa-${namespace}`,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe('search attributes', () => {
  it('a namespace without them stops the API and the worker, naming them and the command', async () => {
    const namespace = await newNamespace();
    expect(await checkSearchAttributes(connection, namespace)).toEqual({
      missing: ['CaseStatus', 'ReferralType', 'OrganisationCode', 'CaseNumber', 'QuestionnaireType'],
      wrongType: [],
    });
    const refusal =
      `Temporal namespace ${namespace} lacks search attributes ${ALL}: ` +
      'run `node dist/bin/casebook.js search-attributes register`';
    await expect(requireSearchAttributes(connection, namespace)).rejects.toThrow(SetupError);
    await expect(requireSearchAttributes(connection, namespace)).rejects.toThrow(refusal);

    const [api, worker] = await Promise.all([run('api/server.ts', namespace), run('worker/main.ts', namespace)]);
    for (const [who, p] of [
      ['The API', api],
      ['The worker', worker],
    ] as const) {
      expect(p.code).toBe(1);
      expect(p.output).toContain(`${who} cannot start.\n${refusal}`);
      expect(p.output).not.toMatch(/^\s+at /m);
    }
  });

  it('`casebook search-attributes register` adds them; the check then passes; a second run changes nothing', async () => {
    const namespace = await newNamespace();
    expect(await register(namespace)).toEqual({
      code: 0,
      out: `Registered search attributes ${ALL} in Temporal namespace ${namespace}.`,
      err: '',
    });
    await requireSearchAttributes(connection, namespace);
    expect(await register(namespace)).toEqual({
      code: 0,
      out: `Temporal namespace ${namespace} already has its search attributes: nothing changed.`,
      err: '',
    });
  });

  it('are found by query where the operator service is closed (Temporal Cloud)', async () => {
    const namespace = await newNamespace();
    const closed = Object.assign(new Error('Request unauthorized.'), { code: 7 });
    const cloudLike = {
      workflowService: connection.workflowService,
      withDeadline: connection.withDeadline.bind(connection),
      operatorService: {
        listSearchAttributes: () => Promise.reject(closed),
      } as unknown as Connection['operatorService'],
    };
    expect((await checkSearchAttributes(cloudLike, namespace)).missing).toEqual(ALL.split(', '));
    expect((await register(namespace)).code).toBe(0);
    expect(await checkSearchAttributes(cloudLike, namespace)).toEqual({ missing: [], wrongType: [] });
  });

  it('one of another type is named: registering cannot change a type', async () => {
    const namespace = await newNamespace();
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: { CaseNumber: TYPE.INDEXED_VALUE_TYPE_TEXT },
    });
    const registered = await register(namespace);
    expect(registered.code).toBe(1);
    expect(registered.err).toContain('Registered search attributes CaseStatus, ReferralType, OrganisationCode');
    expect(registered.err).toContain('But CaseNumber has a type other than Keyword: remove them and run this again.');
    await expect(requireSearchAttributes(connection, namespace)).rejects.toThrow(
      `Temporal namespace ${namespace} has search attributes CaseNumber with a type other than Keyword`,
    );
  });

  it('an unknown namespace is named as such', async () => {
    await expect(requireSearchAttributes(connection, 'no-such-namespace')).rejects.toThrow(
      'Temporal has no namespace "no-such-namespace": check TEMPORAL_NAMESPACE.',
    );
  });

  it('migrate registers them when TEMPORAL_ADDRESS is set, and carries on (exit 0) when it cannot', async () => {
    const namespace = await newNamespace();
    const [registered, refused] = await Promise.all([
      run('db/migrate.ts', namespace),
      run('db/migrate.ts', 'no-such-namespace'),
    ]);
    expect(registered).toEqual({
      code: 0,
      output: `Database is up to date.\nRegistered search attributes ${ALL} in Temporal namespace ${namespace}.\n`,
    });
    expect(refused.code).toBe(0);
    expect(refused.output).toContain(
      'Search attributes not registered in Temporal namespace no-such-namespace. ' +
        'Temporal has no namespace "no-such-namespace": check TEMPORAL_NAMESPACE.',
    );
    await requireSearchAttributes(connection, namespace);
  });
});
