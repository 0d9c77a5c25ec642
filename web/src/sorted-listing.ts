import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import type { TabItem } from './components/Tabs.tsx';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// Earlier pages' cursors, for Previous page: a cursor is base64url, so a dot cannot occur in one.
const BACK_SEPARATOR = '.';

/** What every tracking list's API takes: the tab, the sort, the search, Filter by User, its filters and the page. */
export type ListingQuery<K extends string> = {
  tab: K;
  sort?: string;
  dir?: 'asc' | 'desc';
  search?: string;
  user?: string;
  cursor?: string;
} & Record<string, string | undefined>;

export type ListingConfig<K extends string, P> = {
  tabs: readonly (TabItem & { key: K })[];
  /** The per-column filters the list API takes, named as its columns. */
  filterKeys: readonly string[];
  /** More choices the address holds, cleared with a new tab (the closed tab's scope). */
  extraKeys?: readonly string[];
  /** Whether a filter's value is one the API takes: an old bookmark's unknown status filters nothing. */
  accepts?: (key: string, value: string) => boolean;
  /** The extra choices as the API takes them. */
  extraQuery?: (param: (key: string) => string | undefined) => Record<string, string>;
  fetchPage: (query: ListingQuery<K>) => Promise<P>;
};

/**
 * A tabbed, sortable, filterable, searchable, paginated list (Track Referrals, Track
 * Questionnaires) whose state is the address
 * (`?tab=&sort=&dir=&search=&user=&<column>=&cursor=&back=`), so a reload or a bookmark
 * shows the same view, and every page link keeps it.
 */
export function createSortedListing<K extends string, P extends { nextCursor: string | null }>(
  config: ListingConfig<K, P>,
) {
  const [params, setParams] = useSearchParams();
  const param = (key: string) => one(params[key])?.trim() || undefined;
  const viewKeys = ['sort', 'dir', 'search', 'user', ...(config.extraKeys ?? []), ...config.filterKeys];
  const tab = () => config.tabs.find((t) => t.key === param('tab'))?.key ?? config.tabs[0]!.key;
  const cursor = () => param('cursor');
  const back = () => param('back')?.split(BACK_SEPARATOR) ?? [];
  const dir = (): 'asc' | 'desc' => (param('dir') === 'asc' ? 'asc' : 'desc');

  /** The view as the address has it (tab always, the rest when set). */
  const view = (): Record<string, string> => {
    const v: Record<string, string> = { tab: tab() };
    for (const key of viewKeys) {
      const value = param(key);
      if (value) v[key] = value;
    }
    return v;
  };
  const filters = (): Record<string, string> => {
    const f: Record<string, string> = {};
    for (const key of config.filterKeys) {
      const value = param(key);
      if (value && (config.accepts?.(key, value) ?? true)) f[key] = value;
    }
    return f;
  };

  const query = (): ListingQuery<K> => {
    const v = view();
    return {
      ...filters(),
      tab: tab(),
      ...(v.sort ? { sort: v.sort, dir: dir() } : {}),
      ...(v.search ? { search: v.search } : {}),
      ...(v.user ? { user: v.user } : {}),
      ...config.extraQuery?.(param),
      ...(cursor() ? { cursor: cursor() } : {}),
    };
  };
  const [page] = createResource(query, config.fetchPage);

  const href = (extra: Record<string, string>) => `?${new URLSearchParams({ ...view(), ...extra })}`;
  /** A new view starts at its first page. */
  const setView = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { cursor: undefined, back: undefined };
    for (const [key, value] of Object.entries(changes)) next[key] = value?.trim() || undefined;
    setParams(next);
  };
  const cleared = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, undefined]));

  return {
    tab,
    search: () => param('search') ?? '',
    view,
    filters,
    filterKeys: config.filterKeys,
    param,
    /** The sorted column's key, when the user chose one (the API's default otherwise). */
    sort: () => param('sort'),
    dir,
    user: () => param('user') ?? '',
    /** The view without paging, as the export takes it. */
    query: () => {
      const { cursor: _cursor, ...rest } = query();
      return rest;
    },
    page,
    setView,
    selectTab: (key: string) =>
      // Sort and filters belong to the tab's columns; Filter by User and the search stay.
      setView({
        tab: key,
        sort: undefined,
        dir: undefined,
        ...cleared(config.extraKeys ?? []),
        ...cleared(config.filterKeys),
      }),
    setSearch: (value: string) => setView({ search: value }),
    /** MOJ sortable tables: a new column sorts ascending first; the sorted one flips. */
    sortBy: (key: string) => setView({ sort: key, dir: param('sort') === key && dir() === 'asc' ? 'desc' : 'asc' }),
    setFilters: (values: Record<string, string>) => setView(values),
    clearFilters: () => setView({ user: undefined, ...cleared(config.filterKeys) }),
    nextHref: () => {
      const next = page.latest?.nextCursor;
      if (!next) return undefined;
      const here = cursor();
      return href({ cursor: next, ...(here ? { back: [...back(), here].join(BACK_SEPARATOR) } : {}) });
    },
    prevHref: () => {
      if (!cursor()) return undefined;
      const earlier = back();
      const previous = earlier.pop();
      return href({
        ...(previous ? { cursor: previous } : {}),
        ...(earlier.length > 0 ? { back: earlier.join(BACK_SEPARATOR) } : {}),
      });
    },
  };
}

export type SortedListing = ReturnType<typeof createSortedListing<string, { nextCursor: string | null }>>;
