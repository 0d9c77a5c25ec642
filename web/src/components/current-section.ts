/** A navigation item as the header needs it: which section, and where it starts. */
type Section = { key: string; path: string };

/**
 * Pages whose section is not the one their address starts with. A case page is
 * reached from several lists: it belongs to the list the user came from, else
 * to the first of these the user has (Track Referrals for referrers, Cases for
 * clinicians).
 */
const OWNED: readonly { path: RegExp; sections: readonly string[] }[] = [
  // Making a referral: the new form, its steps, Check your answers and the confirmation.
  { path: /^\/referrals\/new(\/[^/]+)?$/, sections: ['make-referral'] },
  { path: /^\/referrals\/[^/]+\/(edit|check|submitted)$/, sections: ['make-referral'] },
  { path: /^\/referrals\/[^/]+\/delete$/, sections: ['saved-referrals'] },
  { path: /^\/cases\/[^/]+$/, sections: ['track-referrals', 'cases', 'approval-queue', 'saved-referrals', 'triage'] },
];

/** True for pages that take the section of the page the user came from. */
export const sharedPage = (path: string) => (OWNED.find((o) => o.path.test(path))?.sections.length ?? 0) > 1;

/**
 * The key of the navigation item to mark as current on this page, if any: the
 * page's own section, else the item whose path is the longest prefix of it.
 */
export function currentSection(path: string, items: readonly Section[], cameFrom?: string): string | undefined {
  const owned = OWNED.find((o) => o.path.test(path));
  if (owned) {
    const available = owned.sections.filter((key) => items.some((i) => i.key === key));
    return cameFrom && available.includes(cameFrom) ? cameFrom : available[0];
  }
  const matches = items.filter((i) => path === i.path || (i.path !== '/' && path.startsWith(`${i.path}/`)));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}
