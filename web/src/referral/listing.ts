import { isCaseStatus } from '../../../domain/statuses.ts';
import { api, type ListFilter, type ListQuery, type ReferralTab } from '../api.ts';
import type { TabItem } from '../components/Tabs.tsx';
import { createSortedListing } from '../sorted-listing.ts';

/** The per-column filters the list API takes, named as its columns. */
const FILTER_KEYS = [
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

export type ListingOptions = {
  /** The closed tab's "My closed cases / All I may see": absent, every tab lists all the viewer may see. */
  closedScope?: boolean;
};

const scopeOf = (param: (key: string) => string | undefined): 'mine' | 'all' =>
  param('scope') === 'all' ? 'all' : 'mine';

/** A referral list on the tracking lists' machinery, with the closed tab's scope (`&scope=`) beside its view. */
export function createReferralListing<K extends ReferralTab>(
  tabs: readonly (TabItem & { key: K })[],
  options: ListingOptions = {},
) {
  const listing = createSortedListing({
    tabs,
    filterKeys: FILTER_KEYS,
    extraKeys: ['scope'],
    // A status the catalogue does not know (an old bookmark) filters nothing rather than failing.
    accepts: (key, value) => key !== 'status' || isCaseStatus(value),
    // Without the choice (the clinicians' list) the closed tab lists everything, as every other tab does.
    extraQuery: (param) => ({ scope: options.closedScope ? scopeOf(param) : 'all' }),
    fetchPage: (query) => api.listReferrals(query as ListQuery),
  });
  return { ...listing, scope: () => scopeOf(listing.param) };
}

export type Listing = ReturnType<typeof createReferralListing>;
