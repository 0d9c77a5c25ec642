import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { isCaseStatus } from '../../../domain/statuses.ts';
import { api, type ListFilter, type ListQuery, type ListSort, type ReferralTab } from '../api.ts';
import type { TabItem } from '../components/Tabs.tsx';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The per-column filters the list API takes, named as its columns. */
export const FILTER_KEYS = [
  'employee',
  'caseNumber',
  'division',
  'location',
  'department',
  'status',
  'caseType',
  'organisation',
  'owner',
] as const satisfies readonly ListFilter[];

/** Everything of a view the address holds, beside the page: what makes it bookmarkable. */
const VIEW_KEYS = ['tab', 'sort', 'dir', 'search', 'user', 'scope', ...FILTER_KEYS] as const;
type ViewKey = (typeof VIEW_KEYS)[number];
export type View = Partial<Record<ViewKey, string>>;

// Earlier pages' cursors, for Previous page: a cursor is base64url, so a dot cannot occur in one.
const BACK_SEPARATOR = '.';

export type ListingOptions = {
  /** The closed tab's "My closed cases / All I may see": absent, every tab lists all the viewer may see. */
  closedScope?: boolean;
};

/**
 * A tabbed, sortable, filterable, searchable, paginated referral list whose state is
 * the address (`?tab=&sort=&dir=&search=&user=&scope=&<column>=&cursor=&back=`), so a
 * reload or a bookmark shows the same view, and every page link keeps it.
 */
export function createReferralListing<K extends ReferralTab>(
  tabs: readonly (TabItem & { key: K })[],
  options: ListingOptions = {},
) {
  const [params, setParams] = useSearchParams();
  const param = (key: string) => one(params[key])?.trim() || undefined;
  const tab = () => tabs.find((t) => t.key === param('tab'))?.key ?? tabs[0]!.key;
  const search = () => param('search') ?? '';
  const cursor = () => param('cursor');
  const back = () => param('back')?.split(BACK_SEPARATOR) ?? [];
  const dir = (): 'asc' | 'desc' => (param('dir') === 'asc' ? 'asc' : 'desc');
  const scope = (): 'mine' | 'all' => (param('scope') === 'all' ? 'all' : 'mine');

  /** The view as the address has it (tab always, the rest when set). */
  const view = (): View => {
    const v: View = { tab: tab() };
    for (const key of VIEW_KEYS) {
      if (key === 'tab') continue;
      const value = param(key);
      if (value) v[key] = value;
    }
    return v;
  };
  const filters = (): Pick<ListQuery, ListFilter> => {
    const f: Partial<Record<ListFilter, string>> = {};
    for (const key of FILTER_KEYS) {
      const value = param(key);
      if (value) f[key] = value;
    }
    // A status the catalogue does not know (an old bookmark) filters nothing rather than failing.
    if (f.status && !isCaseStatus(f.status)) delete f.status;
    return f as Pick<ListQuery, ListFilter>;
  };

  const query = (): ListQuery => {
    const v = view();
    return {
      ...filters(),
      tab: tab(),
      ...(v.sort ? { sort: v.sort as ListSort, dir: dir() } : {}),
      ...(v.search ? { search: v.search } : {}),
      ...(v.user ? { user: v.user } : {}),
      // Without the choice (the clinicians' list) the closed tab lists everything, as every other tab does.
      scope: options.closedScope ? scope() : 'all',
      ...(cursor() ? { cursor: cursor() } : {}),
    };
  };
  const [page] = createResource(query, api.listReferrals);

  const href = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(view() as Record<string, string>), ...extra })}`;
  /** A new view starts at its first page. */
  const setView = (changes: View) => {
    const next: Record<string, string | undefined> = { cursor: undefined, back: undefined };
    for (const [key, value] of Object.entries(changes)) next[key] = value?.trim() || undefined;
    setParams(next);
  };

  return {
    tab,
    search,
    view,
    filters,
    /** The sorted column's key, when the user chose one (the API's default otherwise). */
    sort: () => param('sort'),
    dir,
    scope,
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
        scope: undefined,
        ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])),
      }),
    setSearch: (value: string) => setView({ search: value }),
    /** MOJ sortable tables: a new column sorts ascending first; the sorted one flips. */
    sortBy: (key: string) => setView({ sort: key, dir: param('sort') === key && dir() === 'asc' ? 'desc' : 'asc' }),
    setFilters: (values: Partial<Record<ListFilter | 'user' | 'scope', string>>) => setView(values),
    clearFilters: () => setView({ user: undefined, ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])) }),
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

export type Listing = ReturnType<typeof createReferralListing>;

type SimpleListQuery<K extends string> = { tab: K; search?: string; cursor?: string };

/**
 * A tabbed, searchable, paginated list whose state is the address:
 * `?tab=&search=&cursor=`; used by Track Questionnaires (Track Referrals has the fuller createReferralListing above).
 */
export function createListing<K extends string, P extends { nextCursor: string | null }>(
  tabs: readonly (TabItem & { key: K })[],
  fetchPage: (query: SimpleListQuery<K>) => Promise<P>,
) {
  const [params, setParams] = useSearchParams();
  const tab = () => tabs.find((t) => t.key === one(params.tab))?.key ?? tabs[0]!.key;
  const search = () => one(params.search)?.trim() ?? '';
  const cursor = () => one(params.cursor);
  const [page] = createResource(
    (): SimpleListQuery<K> => ({
      tab: tab(),
      ...(search() ? { search: search() } : {}),
      ...(cursor() ? { cursor: cursor() } : {}),
    }),
    fetchPage,
  );
  const href = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ tab: tab(), ...(search() ? { search: search() } : {}), ...extra })}`;
  return {
    tab,
    search,
    page,
    selectTab: (key: string) => setParams({ tab: key, cursor: undefined }),
    setSearch: (value: string) => setParams({ search: value.trim() || undefined, cursor: undefined }),
    nextHref: () => {
      const next = page.latest?.nextCursor;
      return next ? href({ cursor: next }) : undefined;
    },
    firstHref: () => (cursor() ? href({}) : undefined),
  };
}
