import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { api, type ReferralTab } from '../api.ts';
import type { TabItem } from '../components/Tabs.tsx';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A tabbed, searchable, paginated referral list whose state is the address:
 * `?tab=&search=&cursor=`.
 */
export function createReferralListing<K extends ReferralTab>(tabs: readonly (TabItem & { key: K })[]) {
  const [params, setParams] = useSearchParams();
  const tab = () => tabs.find((t) => t.key === one(params.tab))?.key ?? tabs[0]!.key;
  const search = () => one(params.search)?.trim() ?? '';
  const cursor = () => one(params.cursor);
  const [page] = createResource(
    () => ({ tab: tab(), ...(search() ? { search: search() } : {}), ...(cursor() ? { cursor: cursor() } : {}) }),
    api.listReferrals,
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
