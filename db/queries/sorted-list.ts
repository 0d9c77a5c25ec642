import type { Knex } from 'knex';
import { type Page, type PageOptions, type SortKey, type SortOrder, sortedPageOf, sortedPageQuery } from './keyset.ts';

/**
 * The machinery of the tracking lists (Track Referrals, Track Questionnaires): every
 * column sortable both ways with a keyset cursor that names its sort, per-column
 * "contains" filters, and Filter by User over the owners the viewer may see. Each list
 * states its columns as SQL once (a ListSpec); the rows, the visibility rule and the
 * exact filters stay with the list's own query.
 */
export type ListSpec<S extends string, C extends string> = {
  /** Every sort key, as SQL written in db/ (never input); see SortKey for nullable columns. */
  sorts: Record<S, Omit<SortKey, 'name'>>;
  defaultSort: NoInfer<S>;
  /** The per-column "contains" filters, on the text each column shows. */
  contains: Record<C, string>;
  /** The row's id column, which breaks ties between equal sort keys. */
  id: string;
};

export type ListDefinition<S extends string, C extends string> = ListSpec<S, C> & {
  sortNames: S[];
  containsNames: C[];
};

export const defineList = <S extends string, C extends string>(spec: ListSpec<S, C>): ListDefinition<S, C> => ({
  ...spec,
  sortNames: Object.keys(spec.sorts) as S[],
  containsNames: Object.keys(spec.contains) as C[],
});

/** What every list's view holds beside its own filters. */
export type ListView<S extends string, C extends string> = {
  sort?: S | undefined;
  dir?: 'asc' | 'desc' | undefined;
} & Partial<Record<C, string | undefined>>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Narrows the query by each "contains" filter given (case-insensitive, the typed text taken literally). */
function applyContains<S extends string, C extends string>(
  query: Knex.QueryBuilder,
  list: ListDefinition<S, C>,
  view: ListView<S, C>,
): Knex.QueryBuilder {
  for (const name of list.containsNames) {
    const value = (view[name] as string | undefined)?.trim();
    if (value) query.whereRaw(`${list.contains[name]} ilike ?`, [`%${escapeLike(value)}%`]);
  }
  return query;
}

/** One page of the filtered rows in the view's order (newest activity first by default), keyset-paginated. */
export async function sortedListPage<S extends string, C extends string, R>(
  db: Knex,
  list: ListDefinition<S, C>,
  filtered: Knex.QueryBuilder,
  view: ListView<S, C> & PageOptions,
  present: (row: Record<string, unknown>) => R,
): Promise<Page<R>> {
  const name = view.sort ?? list.defaultSort;
  const order: SortOrder = { key: { name, ...list.sorts[name] }, direction: view.dir ?? 'desc', id: list.id };
  const rows = (await sortedPageQuery(db, applyContains(filtered, list, view), order, view)) as Record<
    string,
    unknown
  >[];
  return sortedPageOf(rows, view.limit, order, present);
}

export type ListOwner = { id: string; name: string };

/**
 * Filter by User: the people who own rows the viewer may see, by surname. `visible`
 * is the list's visible rows (through the one visibility predicate); `ownerColumn`
 * its owner column.
 */
export async function ownersOf(db: Knex, visible: Knex.QueryBuilder, ownerColumn: string): Promise<ListOwner[]> {
  const rows = (await db('users as u')
    .whereExists(visible.whereRaw(`${ownerColumn} = u.id`).select(db.raw('1')))
    .orderBy([
      { column: 'u.surname', order: 'asc' },
      { column: 'u.first_name', order: 'asc' },
      { column: 'u.id', order: 'asc' },
    ])
    .select('u.id', 'u.first_name', 'u.surname')) as { id: string; firstName: string; surname: string }[];
  return rows.map((u) => ({ id: u.id, name: `${u.firstName} ${u.surname}` }));
}
