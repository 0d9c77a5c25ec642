/**
 * User administration's rules, stated once: what an account's state is called,
 * and the words that refuse an action. The API enforces them (db/queries/user-admin.ts
 * holds their SQL); the portal shows the same words.
 */
export const ACCOUNT_STATES = ['active', 'disabled', 'locked', 'pending'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  active: 'Active',
  disabled: 'Disabled',
  locked: 'Locked',
  pending: 'Awaiting activation',
};

/** One state per account: disabled outranks locked, which outranks awaiting activation. */
export function accountStateOf(user: { status: string; lockedAt: Date | string | null }): AccountState {
  if (user.status === 'disabled') return 'disabled';
  if (user.lockedAt) return 'locked';
  if (user.status === 'pending') return 'pending';
  return 'active';
}

/** How All Users may be ordered. */
export const USER_SORTS = ['name', 'username', 'jobTitle'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const REFUSALS = {
  lastAdmin: (name: string) =>
    `${name} is the only user admin of this organisation. Give another active user the User admin permission first.`,
  lastAdminDisable: (name: string) =>
    `${name} is the only user admin of this organisation, so the account cannot be disabled. Give another active user the User admin permission first.`,
  selfDisable: 'You cannot disable your own account. Ask another user admin to do it.',
  managerSelf: 'A user cannot be their own manager. Choose someone else, or no manager.',
  managerBelow: (manager: string, name: string) =>
    `${manager} reports to ${name} (directly or further down), so cannot be ${name}'s manager. Choose someone above or beside them.`,
  managerNotMember: 'That manager is not an active user of this organisation. Choose someone from the list.',
  notGrantable: (labels: string) => `${labels} can only be given inside the provider's organisation.`,
  alreadyDisabled: 'That account is already disabled.',
  notDisabled: 'That account is not disabled.',
} as const;
