import { describe, expect, it } from 'vitest';
import { UNSTORABLE_FIELD_MESSAGE } from '../../domain/text.ts';
import { completeManagementReferral } from '../helpers/fixtures.ts';
import { apiSuite } from '../helpers/api-suite.ts';
import { ApiCaller } from '../helpers/http.ts';

const suite = apiSuite();
const { as } = suite;

const NUL = 'Back pain\u0000';
const LONE = 'Back pain \ud800 and more';

describe('text that PostgreSQL cannot store', () => {
  for (const [name, bad] of [
    ['a NUL character', NUL],
    ['a lone surrogate', LONE],
  ] as const) {
    describe(`with ${name}`, () => {
      it('is refused in a draft’s answers with 400 naming the field, and the draft keeps its answers', async () => {
        const referrer = await as(suite.world.referrer);
        const { body } = await referrer.post('/api/referrals', {
          formKey: 'management-referral',
          formData: completeManagementReferral(),
        });
        const res = await referrer.put(`/api/referrals/${body.id}`, {
          formData: completeManagementReferral({ reasonForReferral: bad }),
        });
        expect(res.status).toBe(400);
        expect(res.body.error.fields).toEqual({ 'formData.reasonForReferral': UNSTORABLE_FIELD_MESSAGE });
        const row = await suite.sys.db('referrals').where({ id: body.id }).first('formData');
        expect(row.formData.reasonForReferral).toBe(completeManagementReferral().reasonForReferral);
      });

      it('is refused when a new draft is made with it, and no draft is made', async () => {
        const referrer = await as(suite.world.referrer);
        const count = async () =>
          Number(
            (await suite.sys.db('referrals').where({ authorId: suite.world.referrer.id }).count({ n: '*' }).first())!.n,
          );
        const before = await count();
        const res = await referrer.post('/api/referrals', {
          formKey: 'management-referral',
          formData: { employeeSurname: bad },
        });
        expect(res.status).toBe(400);
        expect(res.body.error.fields).toHaveProperty(['formData.employeeSurname']);
        expect(await count()).toBe(before);
      });

      it('is refused in the sign-in username', async () => {
        const res = await new ApiCaller(suite.sys.app).post('/api/auth/login', {
          username: `${suite.world.referrer.username}${bad}`,
          password: 'Wrong password 1!',
        });
        expect(res.status).toBe(400);
        expect(res.body.error.fields).toEqual({ username: UNSTORABLE_FIELD_MESSAGE });
        const user = await suite.sys.db('users').where({ id: suite.world.referrer.id }).first('failedLoginCount');
        expect(user.failedLoginCount).toBe(0);
      });

      it('is refused in the account’s name, which stays as it was', async () => {
        const referrer = await as(suite.world.referrer);
        const details = (await referrer.get('/api/account')).body;
        const { username: _u, email: _e, twoFactorEnabled: _t, ...editable } = details;
        const res = await referrer.put('/api/account', { ...editable, firstName: bad });
        expect(res.status).toBe(400);
        expect(res.body.error.fields).toEqual({ firstName: UNSTORABLE_FIELD_MESSAGE });
        expect((await referrer.get('/api/account')).body.firstName).toBe(details.firstName);
      });
    });
  }

  // A URL or a multipart body is UTF-8 on the wire, so a lone surrogate cannot travel in one: only NUL can.
  it('is refused in a search query, naming the parameter', async () => {
    const referrer = await as(suite.world.referrer);
    const res = await referrer.get(`/api/referrals?tab=open&search=${encodeURIComponent(NUL)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ search: UNSTORABLE_FIELD_MESSAGE });
  });

  it('is refused in a document’s file name', async () => {
    const referrer = await as(suite.world.referrer);
    const { body } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral(),
    });
    const form = new FormData();
    form.append('file', new File(['plain text'], `notes${NUL}.txt`, { type: 'text/plain' }));
    const res = await referrer.upload(`/api/referrals/${body.id}/documents`, form);
    expect(res.status).toBe(400);
    expect(await suite.sys.db('documents').where({ referralId: body.id })).toEqual([]);
  });

  it('is refused in a path parameter', async () => {
    const referrer = await as(suite.world.referrer);
    const res = await referrer.get('/api/referrals/%00');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ path: UNSTORABLE_FIELD_MESSAGE });
    expect((await referrer.get('/api/referrals/%E0%A4%A')).status).toBe(400);
  });

  it('lets ordinary text through: emoji, accents and right-to-left script', async () => {
    const referrer = await as(suite.world.referrer);
    const text = 'Zoë 🙂 مرحبا — back pain';
    const { body, status } = await referrer.post('/api/referrals', {
      formKey: 'management-referral',
      formData: completeManagementReferral({ reasonForReferral: text }),
    });
    expect(status).toBe(201);
    const row = await suite.sys.db('referrals').where({ id: body.id }).first('formData');
    expect(row.formData.reasonForReferral).toBe(text);
  });
});
