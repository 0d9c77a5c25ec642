import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workflowId } from '../../temporal.config.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';

/**
 * A failing statement must not put a referral's form data in the logs (API, worker, Temporal runtime)
 * or in the workflow history: only the SQLSTATE, schema names and the request's reference.
 * Triggers on the run's database refuse writes whose form data holds this file's markers, and
 * raise with the form data itself, as a driver error quoting the row would.
 */
const tag = randomUUID().replaceAll('-', '');
const apiMarker = `apimarker${tag}`;
const workerMarker = `workermarker${tag}`;

const logLines: string[] = [];
const suite = apiSuite({ system: { logDestination: { write: (line: string) => void logLines.push(line) } } });
const { as } = suite;
// Anything printed to the console counts as logged too.
const printed: string[] = [];
const logged = () => [...logLines, ...printed].join('\n');

const refuse = `log_privacy_refuse_${tag}`;
const onDraft = `log_privacy_draft_${tag}`;
const onStatus = `log_privacy_status_${tag}`;

beforeAll(async () => {
  for (const method of ['error', 'warn', 'log', 'info'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
  }
  const db = suite.sys.db;
  await db.raw(`create function ${refuse}() returns trigger language plpgsql as $$
    begin raise exception 'refused %', new.form_data::text; end $$`);
  await db.raw(`create trigger ${onDraft} before update on referrals for each row
    when (new.form_data::text like '%${apiMarker}%') execute function ${refuse}()`);
});

afterAll(async () => {
  const db = suite.sys.db;
  await db.raw(`drop trigger if exists ${onDraft} on referrals`);
  await db.raw(`drop trigger if exists ${onStatus} on referrals`);
  await db.raw(`drop function if exists ${refuse}()`);
  vi.restoreAllMocks();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Payloads are bytes (base64 in the fetched history): read them as text, so a value inside one would show. */
const historyText = (history: unknown) =>
  JSON.stringify(history, (key, value) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (key === 'data' && typeof value === 'string') return Buffer.from(value, 'base64').toString('utf8');
    return value;
  });

describe('a database error in the API', () => {
  it('answers 500 with a reference, and logs the code and the reference but no form data', async () => {
    const referrer = await as(suite.world.referrer);
    const draft = { formKey: 'management-referral', formData: completeManagementReferral() };
    const created = await referrer.post('/api/referrals', draft);
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const formData = completeManagementReferral({ reasonForReferral: `Back pain since the fall ${apiMarker}` });
    // A query string can hold a search for a surname: the log names the route's pattern instead.
    const res = await referrer.put(`/api/referrals/${id}?surname=${apiMarker}`, { formData });
    expect(res.status).toBe(500);
    const reference = /Quote reference (\S+) if/.exec(res.body.error.message)?.[1];
    expect(reference).toBeTruthy();

    const log = logged();
    expect(log).not.toContain(apiMarker);
    const line = logLines.map((l) => JSON.parse(l)).find((l) => l.requestId === reference);
    expect(line).toMatchObject({ level: 'error', method: 'PUT', route: '/api/referrals/:id', err: { code: 'P0001' } });
    // Refused: the draft is as it was.
    expect(JSON.stringify((await suite.sys.db('referrals').where({ id }).first()).formData)).not.toContain(apiMarker);
  });
});

describe('a database error in an activity', () => {
  it('reaches neither the logs nor the workflow history, and the activity still retries to success', async () => {
    const referrer = await as(suite.world.referrer);
    const formData = completeManagementReferral({ reasonForReferral: `Anxiety after bereavement ${workerMarker}` });
    const created = await referrer.post('/api/referrals', { formKey: 'management-referral', formData });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await suite.sys.db.raw(`create trigger ${onStatus} before update of status on referrals for each row
      when (new.form_data::text like '%${workerMarker}%') execute function ${refuse}()`);

    const submitting = referrer.post(`/api/referrals/${id}/submit`);
    const handle = suite.sys.temporal.workflow.getHandle(workflowId.referral(id));
    const lastFailure = await until('a failed attempt of recordStatus', async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.find((a) => a.activityType?.name === 'recordStatus' && a.lastFailure)?.lastFailure ?? undefined;
    });
    expect(JSON.stringify(lastFailure)).not.toContain(workerMarker);
    expect(lastFailure.message).toMatch(/^Database error P0001/);
    expect(lastFailure.applicationFailureInfo?.type).toBe('P0001');
    // The SDK logs each failed attempt through the runtime logger.
    await until('the runtime log line', () => (logged().includes('Activity failed') ? true : undefined));
    expect(logged()).not.toContain(workerMarker);

    await suite.sys.db.raw(`drop trigger ${onStatus} on referrals`);
    const submitted = await submitting;
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('pending_triage');

    // The attempt that succeeded records the last failure in the history: safe, and there.
    const history = historyText(await handle.fetchHistory());
    expect(history).toContain('requiresApproval'); // only in the workflow's input: payloads are read
    expect(history).toContain('Database error P0001');
    expect(history).not.toContain(workerMarker);
    expect(logged()).not.toContain(workerMarker);
  });
});
