import { createRoute, z } from '@hono/zod-openapi';
import { describeLetterReview, employeeLetterDocument, respondToLetter } from '../referrals/advice-letters.ts';
import { describeConsentRequest, respondToConsent } from '../referrals/consent.ts';
import { pdfResponse } from './pdf-response.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { createRouter, errorResponses, json, jsonBody } from '../openapi.ts';

const Token = z.string().min(1).max(100);

/** Pages the referred employee reaches from emailed links; the link is the only credential. */
export const employeeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/consent',
      tags: ['Employee'],
      summary: 'What the consent link is about (the employer only)',
      request: { query: z.object({ token: Token }) },
      responses: { 200: json(z.object({ employer: z.string() }), 'The request'), ...errorResponses },
    }),
    async (c) => c.json(await describeConsentRequest(c.get('deps'), c.req.valid('query').token, clientIp(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/consent',
      tags: ['Employee'],
      summary: 'Give or decline consent (the link works once)',
      request: jsonBody(
        z.object({ token: Token, decision: z.enum(['given', 'declined'], 'Choose whether you give your consent') }),
      ),
      responses: { 204: { description: 'Recorded' }, ...errorResponses },
    }),
    async (c) => {
      const { token, decision } = c.req.valid('json');
      await respondToConsent(c.get('deps'), token, decision, clientIp(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/letter',
      tags: ['Employee'],
      summary: 'Whether the letter-review link still works, and the employer it is for',
      request: { query: z.object({ token: Token }) },
      responses: { 200: json(z.object({ employer: z.string() }), 'The review'), ...errorResponses },
    }),
    async (c) => c.json(await describeLetterReview(c.get('deps'), c.req.valid('query').token, clientIp(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/letter/document',
      tags: ['Employee'],
      summary: 'The employee reads their advice letter before it is released',
      request: { query: z.object({ token: Token }) },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.any().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => pdfResponse(c, await employeeLetterDocument(c.get('deps'), c.req.valid('query').token, clientIp(c))),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/letter',
      tags: ['Employee'],
      summary: 'The employee confirms the letter is factually accurate (it is released) or asks for a correction',
      request: jsonBody(
        z.object({
          token: Token,
          response: z.enum(['accurate', 'correction'], 'Choose whether the letter is accurate'),
        }),
      ),
      responses: { 204: { description: 'Recorded' }, ...errorResponses },
    }),
    async (c) => {
      const { token, response } = c.req.valid('json');
      await respondToLetter(c.get('deps'), token, response, clientIp(c));
      return c.body(null, 204);
    },
  );
