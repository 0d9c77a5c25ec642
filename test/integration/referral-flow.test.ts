import { describe, expect, it } from 'vitest';
import { REFERRAL_STEPS } from '../../domain/referral-transitions.ts';
import { SA } from '../../temporal.config.ts';
import { completeManagementReferral, PASSWORD } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';
import { allIds } from '../helpers/pages.ts';

const suite = apiSuite();
const { as } = suite;

async function draft(caller: ApiCaller, data = completeManagementReferral()) {
  const res = await caller.post('/api/referrals', { formKey: 'management-referral', formData: data });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('the first referral, end to end', () => {
  let referralId: string;
  let referrer: ApiCaller;

  it('is saved as a draft that only its author can see', async () => {
    referrer = await as(suite.world.referrer);
    referralId = await draft(referrer, completeManagementReferral({ employeeSurname: '' }));
    const own = await referrer.get(`/api/referrals/${referralId}`);
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('draft');
    expect((await (await as(suite.world.manager)).get(`/api/referrals/${referralId}`)).status).toBe(404);
    const drafts = await referrer.get('/api/referrals?tab=draft');
    expect(drafts.body.rows.map((r: { id: string }) => r.id)).toContain(referralId);
  });

  it('refuses to submit an incomplete referral, naming the missing field', async () => {
    const res = await referrer.post(`/api/referrals/${referralId}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ employeeSurname: "Enter the employee's surname" });
  });

  it('submits once completed, and a second submit reaches the same single workflow', async () => {
    expect(
      (await referrer.put(`/api/referrals/${referralId}`, { formData: completeManagementReferral() })).status,
    ).toBe(200);
    const first = await referrer.post(`/api/referrals/${referralId}/submit`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'pending_triage', caseNumber: null });
    const second = await referrer.post(`/api/referrals/${referralId}/submit`);
    expect(second.body).toEqual(first.body);
    const runs = [];
    for await (const run of suite.sys.temporal.workflow.list({ query: `WorkflowId = 'referral-${referralId}'` }))
      runs.push(run);
    expect(runs).toHaveLength(1);
    const description = await suite.sys.temporal.workflow.getHandle(`referral-${referralId}`).describe();
    expect(description.status.name).toBe('RUNNING');
  });

  it('lists it under Pending Triage, not Open cases, and emails the confirmation', async () => {
    const pending = await referrer.get('/api/referrals?tab=pending');
    expect(pending.body.rows.map((r: { id: string }) => r.id)).toContain(referralId);
    const open = await referrer.get('/api/referrals?tab=open');
    expect(open.body.rows.map((r: { id: string }) => r.id)).not.toContain(referralId);
    const mail = await suite.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === 'Management referral submitted',
    );
    expect(mail.text).toContain(`${suite.sys.publicUrl}/cases/${referralId}`);
    expect(mail.text).not.toContain('Back pain');
  });

  it('is accepted by a clinician with a case number in the organisation format', async () => {
    const clinician = await as(suite.world.clinician);
    expect(await allIds(clinician, '/api/triage')).toContain(referralId);
    const res = await clinician.post(`/api/triage/${referralId}/accept`, { status: 'triage_ima_required' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'triage_ima_required', caseNumber: `CSM/OM/${suite.world.tag}/1` });
  });

  it('refuses to accept it twice with a 409 that says why', async () => {
    const clinician = await as(suite.world.clinician);
    const res = await clinician.post(`/api/triage/${referralId}/accept`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(REFERRAL_STEPS.triage.refusal);
  });

  it('shows the case under Open cases with its status, and emails the acceptance', async () => {
    const open = await referrer.get('/api/referrals?tab=open');
    const row = open.body.rows.find((r: { id: string }) => r.id === referralId);
    expect(row).toMatchObject({
      caseNumber: `CSM/OM/${suite.world.tag}/1`,
      statusLabel: 'Triage Next Action - IMA Required',
      employee: 'Eddie Employee',
      location: 'Leeds',
    });
    const detail = await referrer.get(`/api/referrals/${referralId}`);
    expect(detail.body.statusExplanation).toMatch(/initial medical assessment/);
    await suite.sys.mail.waitFor(
      (m) =>
        m.to.includes(suite.world.referrer.email) &&
        m.subject === `Management referral accepted: case CSM/OM/${suite.world.tag}/1`,
    );
  });

  it("lists it for clinicians under every organisation's open cases, found by its case number", async () => {
    const clinician = await as(suite.world.clinician);
    const found = await clinician.get(
      `/api/referrals?tab=open&search=${encodeURIComponent(`CSM/OM/${suite.world.tag}/1`)}`,
    );
    expect(found.body.rows).toEqual([
      expect.objectContaining({ id: referralId, organisation: `Client ${suite.world.tag}` }),
    ]);
    // Drafts never reach the provider's lists.
    expect((await clinician.get('/api/referrals?tab=draft')).body.rows).toEqual([]);
  });

  it('is found in Temporal by its CaseNumber search attribute', async () => {
    const query = `CaseNumber = 'CSM/OM/${suite.world.tag}/1'`;
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const run of suite.sys.temporal.workflow.list({ query })) found.push(run.workflowId);
      if (!found.length) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([`referral-${referralId}`]);
    const description = await suite.sys.temporal.workflow.getHandle(`referral-${referralId}`).describe();
    expect(description.typedSearchAttributes.get(SA.CaseStatus)).toBe('triage_ima_required');
    expect(description.typedSearchAttributes.get(SA.OrganisationCode)).toBe(suite.world.client.code);
  });

  describe('visibility', () => {
    it('is visible up the hierarchy: the manager and the top of the organisation', async () => {
      for (const user of [suite.world.manager, suite.world.top]) {
        const caller = await as(user);
        expect((await caller.get(`/api/referrals/${referralId}`)).status).toBe(200);
        const open = await caller.get('/api/referrals?tab=open');
        expect(open.body.rows.map((r: { id: string }) => r.id)).toContain(referralId);
      }
    });

    it('returns 404 to a colleague in another branch and to another organisation', async () => {
      for (const user of [suite.world.peer, suite.world.outsider]) {
        const caller = await as(user);
        expect((await caller.get(`/api/referrals/${referralId}`)).status).toBe(404);
        const open = await caller.get('/api/referrals?tab=open');
        expect(open.body.rows.map((r: { id: string }) => r.id)).not.toContain(referralId);
      }
    });

    it('returns 404, not 403, when a user who may not see it tries to accept it', async () => {
      const peer = await as(suite.world.peer);
      expect((await peer.post(`/api/triage/${referralId}/accept`, {})).status).toBe(403);
      expect((await peer.get(`/api/referrals/${referralId}`)).status).toBe(404);
    });
  });

  it('audits every read of the case', async () => {
    const reads = await suite.sys.db('audit_log').where({ action: 'referral.viewed', targetId: referralId });
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(reads)).not.toContain('Eddie');
  });
});

describe('rejection by a clinician', () => {
  it('stores the reason, emails "Rejected ... referral" and lists it under Rejected for its author', async () => {
    const referrer = await as(suite.world.referrer);
    const id = await draft(referrer);
    await referrer.post(`/api/referrals/${id}/submit`);
    const clinician = await as(suite.world.clinician);
    expect(
      (await clinician.post(`/api/triage/${id}/reject`, { category: 'more_information_needed', reason: '   ' })).status,
    ).toBe(400);
    const res = await clinician.post(`/api/triage/${id}/reject`, {
      category: 'more_information_needed',
      reason: 'Please attach the absence record.',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    const row = await suite.sys.db('referrals').where({ id }).first();
    expect(row.rejectionReason).toBe('Please attach the absence record.');
    const rejected = await referrer.get('/api/referrals?tab=rejected');
    expect(rejected.body.rows.map((r: { id: string }) => r.id)).toContain(id);
    const mail = await suite.sys.mail.waitFor(
      (m) => m.to.includes(suite.world.referrer.email) && m.subject === 'Rejected Management referral',
    );
    // SPEC 4.4: the email gives the reason, in the rejecter's words.
    expect(mail.text).toContain('Please attach the absence record.');
  });
});

describe('the API boundary', () => {
  it('answers 401 with a message to a caller who is not signed in', async () => {
    const res = await new ApiCaller(suite.sys.app).get('/api/referrals');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/Sign in/);
  });

  it('gives the same answer for an unknown username and a wrong password', async () => {
    const anon = new ApiCaller(suite.sys.app);
    const unknown = await anon.post('/api/auth/login', { username: 'nobody-at-all', password: 'x' });
    const wrong = await anon.post('/api/auth/login', {
      username: suite.world.referrer.username,
      password: 'wrong password',
    });
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses a state-changing request from another site', async () => {
    const referrer = await as(suite.world.referrer);
    const res = await referrer.request(
      'POST',
      '/api/referrals',
      { formKey: 'management-referral', formData: {} },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.status).toBe(403);
  });

  it('answers malformed input with a 400 that names the problem', async () => {
    const referrer = await as(suite.world.referrer);
    expect((await referrer.get('/api/referrals/not-a-uuid')).status).toBe(400);
    const badForm = await referrer.post('/api/referrals', { formKey: 'no-such-form', formData: {} });
    expect(badForm.status).toBe(400);
    expect(badForm.body.error.message).toMatch(/not available to your organisation/);
    const raw = await suite.sys.app.request('/api/referrals', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: '' },
      body: '{nope',
    });
    expect(raw.status).toBeLessThan(500);
  });

  it('serves an OpenAPI 3.1 document describing the routes', async () => {
    const res = await suite.sys.app.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/referrals',
        '/api/referrals/{id}/submit',
        '/api/triage/{id}/accept',
        '/api/auth/login',
      ]),
    );
  });

  it('sets a strict Content-Security-Policy and an HttpOnly SameSite session cookie', async () => {
    const res = await suite.sys.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.sys.publicUrl },
      body: JSON.stringify({ username: suite.world.referrer.username, password: PASSWORD }),
    });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
  });
});

describe('a new referral and its reference', () => {
  const author = () => suite.world.peer;
  const countDrafts = async () =>
    Number(
      (await suite.sys.db('referrals').where({ authorId: author().id }).count<{ count: string }[]>('* as count'))[0]!
        .count,
    );

  it('creates no draft until the first answer is saved', async () => {
    const referrer = await as(author());
    const before = await countDrafts();
    for (const formData of [{}, { employeeSurname: '   ', reasonForReferral: '' }, { notAQuestion: 'Smith' }]) {
      const res = await referrer.post('/api/referrals', { formKey: 'management-referral', formData });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Answer at least one question before saving the referral.');
    }
    expect(await countDrafts()).toBe(before);
    expect((await referrer.get('/api/referrals?tab=draft')).body.rows).toEqual([]);

    const first = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: { employeeSurname: 'Firstly' },
    });
    expect(first.status).toBe(201);
    expect(await countDrafts()).toBe(before + 1);
    const row = await suite.sys.db('referrals').where({ id: first.body.id }).first('formData', 'status');
    expect(row).toEqual({ status: 'draft', formData: { employeeSurname: 'Firstly' } });
  });

  it('lists each referral with the reference its emails give, and finds it by that reference', async () => {
    const referrer = await as(author());
    const id = await draft(referrer, completeManagementReferral({ employeeSurname: 'Referenced' }));
    expect((await referrer.post(`/api/referrals/${id}/submit`)).status).toBe(200);
    const reference = id.slice(0, 8).toUpperCase();

    const pending = await referrer.get('/api/referrals?tab=pending');
    expect(pending.body.rows.find((r: { id: string }) => r.id === id)).toMatchObject({ reference, caseNumber: null });
    const mail = await suite.sys.mail.waitFor(
      (m) => m.to.includes(author().email) && m.subject === 'Management referral submitted',
    );
    expect(mail.text).toContain(`(reference ${reference})`);

    const queries: { sql: string; bindings: unknown[] }[] = [];
    const record = (q: { sql: string; bindings: unknown[] }) => queries.push(q);
    suite.sys.db.on('query', record);
    let found: Awaited<ReturnType<typeof referrer.get>>;
    try {
      found = await referrer.get(`/api/referrals?tab=pending&search=${reference.toLowerCase()}`);
    } finally {
      suite.sys.db.off('query', record);
    }
    expect(found.body.rows.map((r: { id: string }) => r.id)).toEqual([id]);
    // Answered by a range of the primary key, not by turning every id into text.
    const search = queries.find((q) => q.bindings.includes(`${reference.toLowerCase()}-0000-0000-0000-000000000000`));
    expect(search?.sql).toMatch(/"r"\."id" between \$\d+ and \$\d+/);
    expect(search?.sql).not.toMatch(/like/i);

    // Only where it is visible: the same reference finds nothing for another branch.
    const other = await as(suite.world.referrer);
    expect((await other.get(`/api/referrals?tab=pending&search=${reference}`)).body.rows).toEqual([]);
    // A reference differing in its last digit is another referral.
    const last = reference.at(-1) === '0' ? '1' : '0';
    const near = await referrer.get(`/api/referrals?tab=pending&search=${reference.slice(0, 7)}${last}`);
    expect(near.body.rows.map((r: { id: string }) => r.id)).not.toContain(id);
  });
});
