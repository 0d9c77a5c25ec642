import { z } from '@hono/zod-openapi';
import { json } from './openapi.ts';

const filterText = z.string().trim().max(100).optional();

/**
 * The view of a tracking list as a query (the list and its export take the same): the
 * sort, the per-column "contains" filters named as their columns, and Filter by User.
 * Each list extends it with its exact filters.
 */
export function listViewQuery<S extends string, C extends string>(sorts: readonly S[], contains: readonly C[]) {
  return z.object({
    sort: z
      .enum(sorts as [S, ...S[]])
      .optional()
      .openapi({ description: 'The column to sort by (default updatedAt)' }),
    dir: z.enum(['asc', 'desc']).default('desc'),
    ...(Object.fromEntries(contains.map((name) => [name, filterText])) as Record<C, typeof filterText>),
    user: z
      .string()
      .uuid('Choose a user from the list')
      .optional()
      .openapi({ description: 'Filter by User: rows this user owns, of those the viewer may see' }),
  });
}

/** The validated query as the list query's filters, leaving out what was not given. */
export const viewOf = <F>(query: object): F =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) as F;

/** Filter by User's choices: the people who own rows the user may see. */
export const ownersResponse = json(z.array(z.object({ id: z.string(), name: z.string() })), 'People, by surname');

/** An export's response: the workbook, streamed as it is written. */
export const workbookResponse = {
  description: 'The workbook, streamed as it is written',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: z.any().openapi({ type: 'string', format: 'binary' }),
    },
  },
};
