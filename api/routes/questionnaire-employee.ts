import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_IDLE_MS } from '../../services/sessions.ts';
import type { AppEnv } from '../context.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';
import {
  answerQuestion,
  currentQuestionnaire,
  describeLink,
  employeeSession,
  requestCode,
  savePage,
  signIn,
  signOut,
  submitAnswers,
  verifyCode,
} from '../questionnaires/employee.ts';

/** The employee's own session, separate from any user's: HttpOnly, SameSite=Strict, only for these routes. */
const COOKIE = 'casebook_questionnaire';
const COOKIE_PATH = '/api/questionnaire-employee';

function setEmployeeCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, COOKIE, token, {
    httpOnly: true,
    secure: c.get('deps').settings.cookieSecure,
    sameSite: 'Strict',
    path: COOKIE_PATH,
    maxAge: SESSION_IDLE_MS / 1000,
  });
}
const session = (c: Context<AppEnv>) => employeeSession(c.get('deps'), getCookie(c, COOKIE));

const Token = z.string().min(1).max(100);
const Password = z.string().max(200);
const Answers = z.record(z.string().max(100), z.string().max(10_000));

/**
 * The questionnaire's employee, who has no account: anonymous routes (api/public-routes.ts) behind
 * the emailed link, a one-time code and their own password; the same-origin rule applies to every write.
 */
export const questionnaireEmployeeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/link',
      tags: ['Questionnaire employee'],
      summary: 'Whether the emailed link still works, and who it is from (nothing else)',
      request: { query: z.object({ token: Token }) },
      responses: {
        200: json(z.object({ employer: z.string(), questionnaire: z.string(), email: z.string() }), 'The link'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await describeLink(c.get('deps'), c.req.valid('query').token), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/code',
      tags: ['Questionnaire employee'],
      summary: 'Email a one-time code to the questionnaire’s address',
      request: jsonBody(z.object({ token: Token })),
      responses: { 204: { description: 'Sent' }, ...errorResponses },
    }),
    async (c) => {
      await requestCode(c.get('deps'), c.req.valid('json').token, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/verify',
      tags: ['Questionnaire employee'],
      summary: 'Enter the code and choose a password; the link is spent and a session starts',
      request: jsonBody(
        z.object({
          token: Token,
          code: z
            .string({ error: 'Enter the code from the email' })
            .trim()
            .min(1, 'Enter the code from the email')
            .max(20),
          password: Password,
          confirmation: Password,
        }),
      ),
      responses: { 204: { description: 'Signed in' }, ...errorResponses },
    }),
    async (c) => {
      const { sessionToken } = await verifyCode(c.get('deps'), c.req.valid('json'), clientIp(c));
      setEmployeeCookie(c, sessionToken);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sign-in',
      tags: ['Questionnaire employee'],
      summary: 'Come back with email address and password',
      request: jsonBody(
        z.object({
          email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(254),
          password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
        }),
      ),
      responses: { 204: { description: 'Signed in' }, ...errorResponses },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { sessionToken } = await signIn(c.get('deps'), email, password, clientIp(c));
      setEmployeeCookie(c, sessionToken);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sign-out',
      tags: ['Questionnaire employee'],
      summary: 'End the employee’s session',
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    }),
    async (c) => {
      await signOut(c.get('deps'), getCookie(c, COOKIE));
      deleteCookie(c, COOKIE, { path: COOKIE_PATH });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/questionnaire',
      tags: ['Questionnaire employee'],
      summary: 'The questions, the employee’s own answers so far, and any question a clinician asked',
      responses: {
        200: json(
          z.object({
            reference: z.string(),
            employer: z.string(),
            employeeName: z.string(),
            status: z.string(),
            definition: z.any(),
            answers: z.record(z.string(), z.string()),
            question: z.object({ text: z.string(), answer: z.string().nullable() }).nullable(),
            declaration: z.string(),
            nextPage: z.string().nullable(),
          }),
          'The questionnaire',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = await session(c);
      return c.json(await currentQuestionnaire(c.get('deps'), q), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/questionnaire/pages/{page}',
      tags: ['Questionnaire employee'],
      summary: 'Save one page: checked on Continue, as it is on Save and come back later',
      request: {
        params: z.object({ page: z.string().max(100) }),
        ...jsonBody(z.object({ answers: Answers, check: z.boolean().default(true) })),
      },
      responses: { 200: json(z.object({ nextPage: z.string().nullable() }), 'Saved'), ...errorResponses },
    }),
    async (c) => {
      const q = await session(c);
      const { answers, check } = c.req.valid('json');
      return c.json(await savePage(c.get('deps'), q, c.req.valid('param').page, answers, check), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/questionnaire/question',
      tags: ['Questionnaire employee'],
      summary: 'Answer the clinician’s question',
      request: jsonBody(z.object({ answer: z.string().max(10_000) })),
      responses: { 204: { description: 'Saved' }, ...errorResponses },
    }),
    async (c) => {
      const q = await session(c);
      await answerQuestion(c.get('deps'), q, c.req.valid('json').answer);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/questionnaire/submit',
      tags: ['Questionnaire employee'],
      summary: 'Submit, having checked the answers and confirmed the declaration',
      request: jsonBody(z.object({ declaration: z.boolean().default(false) })),
      responses: { 200: json(z.object({ submitted: z.boolean() }), 'Submitted'), ...errorResponses },
    }),
    async (c) => {
      const q = await session(c);
      return c.json(await submitAnswers(c.get('deps'), q, c.req.valid('json').declaration, clientIp(c)), 200);
    },
  );
