/**
 * Who may do what: the one place that decides. The API asks `can()` before every
 * action and the portal uses `navigationFor()` to show only what the user may use.
 * Which *cases* a user may see is a separate rule: see domain/visibility.ts.
 */
export const PERMISSIONS = [
  'referrer',
  'approver',
  'user_admin',
  'case_reassigner',
  'mi_viewer',
  'questionnaire_requester',
  'clinician',
  'provider_admin',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export type Actor = {
  userId: string;
  organisationId: string;
  /** True when the current organisation is the OH provider itself. */
  isProvider: boolean;
  permissions: readonly Permission[];
};

const ACTIONS = {
  'referral.create': ['referrer'],
  'referral.track': ['referrer'],
  // Referrers list the cases they may see; clinicians list every submitted one.
  'cases.list': ['referrer', 'clinician'],
  'referral.approve': ['approver'],
  // Referrers always could; the permission lets someone who does not refer (HR, say) request them too.
  'questionnaire.request': ['referrer', 'questionnaire_requester'],
  'mi.view': ['mi_viewer'],
  // The provider builds an organisation's monthly MI pack again.
  'mi.runPacks': ['provider_admin'],
  // The provider's library: every user of a client organisation reads it; the provider admin publishes to it.
  'library.read': ['referrer', 'approver', 'user_admin', 'case_reassigner', 'mi_viewer', 'provider_admin'],
  'users.admin': ['user_admin', 'provider_admin'],
  'cases.reassign': ['case_reassigner'],
  'triage.work': ['clinician'],
  'provider.admin': ['provider_admin'],
} as const satisfies Record<string, readonly Permission[]>;

export type Action = keyof typeof ACTIONS;

/** Provider-side permissions only count inside the provider organisation. */
const PROVIDER_ONLY: ReadonlySet<Permission> = new Set(['clinician', 'provider_admin']);

/** Those of `permissions` that count only inside the provider organisation: refused when given to anyone else. */
export function providerOnlyOf(permissions: readonly Permission[]): Permission[] {
  return permissions.filter((p) => PROVIDER_ONLY.has(p));
}

export const isPermission = (value: string): value is Permission => (PERMISSIONS as readonly string[]).includes(value);

export function can(actor: Actor, action: Action): boolean {
  const needed: readonly Permission[] = ACTIONS[action];
  return actor.permissions.some((p) => needed.includes(p) && (actor.isProvider || !PROVIDER_ONLY.has(p)));
}

export type NavItem = { key: string; label: string; path: string };

const NAVIGATION: readonly (NavItem & { action: Action | null })[] = [
  { key: 'make-referral', label: 'Make Referral', path: '/referrals/new', action: 'referral.create' },
  { key: 'track-referrals', label: 'Track Referrals', path: '/referrals', action: 'referral.track' },
  { key: 'saved-referrals', label: 'Saved Referrals', path: '/referrals/saved', action: 'referral.create' },
  { key: 'approval-queue', label: 'Approval Queue', path: '/approvals', action: 'referral.approve' },
  {
    key: 'request-questionnaire',
    label: 'Request Questionnaire',
    path: '/questionnaires/new',
    action: 'questionnaire.request',
  },
  {
    key: 'track-questionnaires',
    label: 'Track Questionnaires',
    path: '/questionnaires',
    action: 'questionnaire.request',
  },
  { key: 'triage', label: 'Triage Queue', path: '/triage', action: 'triage.work' },
  { key: 'cases', label: 'Cases', path: '/cases', action: 'triage.work' },
  {
    key: 'questionnaire-review',
    label: 'Questionnaire Review',
    path: '/questionnaire-review',
    action: 'triage.work',
  },
  { key: 'management-information', label: 'Management Information', path: '/mi', action: 'mi.view' },
  { key: 'library', label: 'Library', path: '/library', action: 'library.read' },
  { key: 'user-admin', label: 'User Admin', path: '/users', action: 'users.admin' },
  { key: 'organisations', label: 'Organisations', path: '/admin/organisations', action: 'provider.admin' },
  { key: 'my-account', label: 'My Account', path: '/account', action: null },
];

export function navigationFor(actor: Actor, options: { myAccountEnabled: boolean }): NavItem[] {
  return NAVIGATION.filter((item) => (item.action === null ? options.myAccountEnabled : can(actor, item.action))).map(
    ({ key, label, path }) => ({ key, label, path }),
  );
}

/** How User Admin names each permission, in the order it lists them. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  referrer: 'Referrer',
  approver: 'Approver',
  user_admin: 'User admin',
  case_reassigner: 'Case reassigner',
  mi_viewer: 'MI viewer',
  questionnaire_requester: 'Questionnaire requester',
  clinician: 'Clinician',
  provider_admin: 'Provider admin',
};

/** What a user admin may give a member of their organisation: the provider's own roles only inside the provider. */
export function grantablePermissions(isProvider: boolean): Permission[] {
  return PERMISSIONS.filter((p) => isProvider || !PROVIDER_ONLY.has(p));
}

/** Whose permissions make someone an administrator of the organisation's users (the last one must stay). */
export function isUserAdmin(permissions: readonly Permission[], isProvider: boolean): boolean {
  return permissions.includes('user_admin') || (isProvider && permissions.includes('provider_admin'));
}
