import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  REJECTION_CATEGORIES,
  REJECTION_CATEGORY_KEYS,
  REJECTION_CATEGORY_MISSING,
  REJECTION_REASON_MISSING,
} from '../domain/rejection.ts';
import { MAX_PAGE } from '../db/queries/keyset.ts';
import type { AppEnv } from './context.ts';

/** The error body every 4xx and 500 carries. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'The request needs correcting', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not permitted', content: { 'application/json': { schema: ErrorSchema } } },
  404: {
    description: 'Not found, or not visible to this user',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  409: { description: 'Not valid in the current state', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

/** What every referral transition answers with. */
export const ReferralStateSchema = z
  .object({ status: z.string(), caseNumber: z.string().nullable() })
  .openapi('ReferralState');

/** A rejection reason: free text the author will read. */
const RejectionReasonSchema = z
  .string({ error: REJECTION_REASON_MISSING })
  .trim()
  .min(1, REJECTION_REASON_MISSING)
  .max(2000)
  .regex(/[\p{L}\p{N}]/u, 'The reason must contain at least 1 letter or number');

/** What both reject routes take: a category from the fixed list (the email names it) and the free-text reason. */
export const RejectionSchema = z
  .object({
    // One message for missing and unknown alike: either way the person has to pick from the list.
    category: z.enum(REJECTION_CATEGORY_KEYS, { error: REJECTION_CATEGORY_MISSING }).openapi({
      description: `Why, from a fixed list: ${REJECTION_CATEGORIES.map((c) => `${c.key} (${c.label})`).join(', ')}`,
    }),
    reason: RejectionReasonSchema,
  })
  .openapi('Rejection');

/** Which page of a keyset-paginated list: how many rows, and the `nextCursor` the previous page gave. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().max(500).optional(),
});

/** One page of a list; `nextCursor` is null on the last. */
export const pageSchema = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.array(row), nextCursor: z.string().nullable() });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/** A sub-app whose invalid requests get a 400 naming each field's problem. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) fields[issue.path.join('.') || 'body'] = issue.message;
      return c.json(
        {
          error: {
            code: 'BAD_REQUEST',
            message: `Check the request: ${Object.entries(fields)
              .map(([k, v]) => `${k}: ${v}`)
              .join('; ')}`,
            fields,
          },
        },
        400,
      );
    },
  });
}
