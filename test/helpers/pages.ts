import { expect } from 'vitest';
import type { ApiCaller } from './http.ts';

/**
 * Every row of a keyset-paginated list, following `nextCursor` page by page:
 * other test files share the database, so a row may be on any page.
 */
export async function allPages(caller: ApiCaller, path: string, limit?: number): Promise<{ id: string }[][]> {
  const pages: { id: string }[][] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...(limit ? { limit: String(limit) } : {}), ...(cursor ? { cursor } : {}) });
    const res = await caller.get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body.rows);
    cursor = res.body.nextCursor;
  } while (cursor);
  return pages;
}

/** The ids of every row of a list, in order. */
export const allIds = async (caller: ApiCaller, path: string) => (await allPages(caller, path)).flat().map((r) => r.id);
