import { useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { api, type ReferralTab } from '../api.ts';
import type { TabItem } from '../components/Tabs.tsx';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

type ListQuery<K extends string> = { tab: K; search?: string; cursor?: string };

/** The referral lists (Track Referrals, Cases). */
export const createReferralListing = <K extends ReferralTab>(tabs: readonly (TabItem & { key: K })[]) =>
  createListing(tabs, api.listReferrals);

/**
 * A tabbed, searchable, paginated list whose state is the address:
 * `?tab=&search=&cursor=`; referrals and questionnaires alike.
 */
export function createListing<K extends string, P extends { nextCursor: string | null }>(
  tabs: readonly (TabItem & { key: K })[],
  fetchPage: (query: ListQuery<K>) => Promise<P>,
) {
  const [params, setParams] = useSearchParams();
  const tab = () => tabs.find((t) => t.key === one(params.tab))?.key ?? tabs[0]!.key;
  const search = () => one(params.search)?.trim() ?? '';
  const cursor = () => one(params.cursor);
  const [page] = createResource(
    (): ListQuery<K> => ({
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
