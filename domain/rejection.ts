/**
 * Why a referral is rejected, as a fixed list. The category, unlike the free-text
 * reason, says nothing about the employee's health, so it is the part the
 * rejection email may name; the portal shows both.
 */
export const REJECTION_CATEGORIES = [
  { key: 'more_information_needed', label: 'More information needed' },
  { key: 'wrong_referral_type', label: 'Wrong referral type' },
  { key: 'duplicate', label: 'Duplicate referral' },
  { key: 'employee_not_eligible', label: 'Employee not eligible' },
  { key: 'other', label: 'Other' },
] as const;

export type RejectionCategory = (typeof REJECTION_CATEGORIES)[number]['key'];

/** The keys in the order the portal offers them (a non-empty tuple, as z.enum wants). */
export const REJECTION_CATEGORY_KEYS = REJECTION_CATEGORIES.map((c) => c.key) as [
  RejectionCategory,
  ...RejectionCategory[],
];

export const isRejectionCategory = (value: unknown): value is RejectionCategory =>
  REJECTION_CATEGORIES.some((c) => c.key === value);

export function rejectionCategoryLabel(category: RejectionCategory): string {
  return REJECTION_CATEGORIES.find((c) => c.key === category)!.label;
}

/** The question the reject form asks, and its answer's refusals, shared by API and portal. */
export const REJECTION_QUESTION = 'Why is the referral being rejected?';
export const REJECTION_CATEGORY_MISSING = 'Select why the referral is being rejected';
export const REJECTION_REASON_MISSING = 'Enter the reason for rejecting the referral';
