import { randomBytes } from 'node:crypto';
import { openLink, sendAccountLink, type AccountLinkDeps, type OpenedLink } from '../../api/accounts/account-links.ts';
import { EMAIL, USERNAME } from '../../api/accounts/register.ts';
import { isUsernameTaken } from '../../db/queries/accounts.ts';
import { findOpenAccountLink } from '../../db/queries/auth-tokens.ts';
import {
  addMembership,
  createUser,
  findAccountForInvitation,
  findActiveMemberByUsername,
  findLocationId,
  findMembership,
  findOrganisationByCode,
  findUsername,
  type OrganisationRecord,
} from '../../db/queries/provisioning.ts';
import { AppError } from '../../domain/errors.ts';
import { isPermission, PERMISSIONS, providerOnlyOf, type Permission } from '../../domain/permissions.ts';
import { auditLog } from '../../services/audit.ts';
import { hashPassword } from '../../services/passwords.ts';
import { DEFAULT_DURATIONS_MS } from '../../temporal.config.ts';
import { OPERATOR, type OperatorDeps } from './deps.ts';
import * as input from './inputs.ts';

export type InviteOptions = {
  organisation?: string;
  email?: string;
  'first-name'?: string;
  surname?: string;
  role?: string[];
  manager?: string;
  location?: string;
  username?: string;
  title?: string;
  'job-title'?: string;
  resend?: boolean;
};

type Wanted = {
  org: OrganisationRecord;
  email: string;
  firstName: string;
  surname: string;
  roles: Permission[];
  manager: { id: string; username: string } | null;
  locationId: string | null;
  username: string | undefined;
  title: string | undefined;
  jobTitle: string | undefined;
};

/**
 * `user invite`: an account for someone the operator names (the provider's first admin, clinicians, a client's
 * user admin), by the portal's rules. A new account is pending, with no password anyone knows; the invitation
 * email's link opens the portal's set-password page (email, password, repeat), which activates it.
 */
export async function inviteUserCommand(deps: OperatorDeps, o: InviteOptions): Promise<number> {
  const wanted = await wantedInvitation(deps, o);
  const { org, email } = wanted;
  const account = await findAccountForInvitation(deps.db, email);
  if (!account) return inviteNew(deps, wanted);

  if (account.status === 'disabled') {
    throw new AppError(
      'CONFLICT',
      `The account of ${email} is disabled: a user admin enables it in the portal. Nothing changed.`,
    );
  }
  const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.toLowerCase();
  if (!sameName(account.firstName, wanted.firstName) || !sameName(account.surname, wanted.surname)) {
    throw new AppError(
      'CONFLICT',
      `${email} already has an account, under another first name or surname: check the address. Nothing changed.`,
    );
  }
  if (wanted.username && wanted.username.toLowerCase() !== account.username.toLowerCase()) {
    throw new AppError(
      'CONFLICT',
      `${email} already has an account, with the username ${account.username}. Nothing changed.`,
    );
  }
  const membership = await findMembership(deps.db, account.id, org.id);
  if (!membership) {
    // Shared services: one account, a membership in each organisation.
    await deps.db.transaction(async (trx) => {
      const id = await addMembership(trx, account.id, {
        organisationId: org.id,
        managerId: wanted.manager?.id ?? null,
        locationId: wanted.locationId,
        permissions: wanted.roles,
      });
      await auditLog(trx, { ...OPERATOR, organisationId: org.id })(
        'operator.membership_added',
        { membership: id },
        { user: account.id, roles: wanted.roles.join(',') },
      );
    });
    deps.out(`${account.username} already has a Casebook account: added to ${org.code} as ${wanted.roles.join(', ')}.`);
    if (account.status === 'pending') return ensureInvitation(deps, account, wanted, o.resend ? 'resend' : 'ensure');
    deps.out(`They choose ${org.code} after signing in.`);
    return 0;
  }

  const differences = await membershipDifferences(deps, membership, wanted);
  if (differences.length > 0) {
    throw new AppError(
      'CONFLICT',
      `${account.username} is already in ${org.code}, and differs: ${differences.join('; ')}. ` +
        'This command does not change an existing membership; nothing changed.',
    );
  }
  if (account.status === 'active') {
    if (o.resend) {
      throw new AppError(
        'CONFLICT',
        `${account.username} has already chosen a password and is active: nothing to resend. ` +
          'Forgot password on the sign-in page sends them a new link. Nothing changed.',
      );
    }
    deps.out(`${account.username} is already in ${org.code} as given, and active: nothing changed.`);
    return 0;
  }
  return ensureInvitation(deps, account, wanted, o.resend ? 'resend' : 'keep');
}

async function inviteNew(deps: OperatorDeps, wanted: Wanted): Promise<number> {
  const { org } = wanted;
  const username = wanted.username ?? (await freeUsername(deps, wanted.email));
  if (wanted.username && (await isUsernameTaken(deps.db, username))) {
    throw new AppError(
      'CONFLICT',
      `The username ${username} is taken: choose another with --username. Nothing changed.`,
    );
  }
  // A password nobody knows: the account cannot sign in until its person chooses one through the link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const linkDeps = await linkDepsOf(deps);
  const { userId, link } = await deps.db.transaction(async (trx) => {
    const userId = await createUser(
      trx,
      {
        username,
        email: wanted.email,
        passwordHash,
        status: 'pending',
        firstName: wanted.firstName,
        surname: wanted.surname,
        ...(wanted.title ? { title: wanted.title } : {}),
        ...(wanted.jobTitle ? { jobTitle: wanted.jobTitle } : {}),
      },
      [
        {
          organisationId: org.id,
          managerId: wanted.manager?.id ?? null,
          locationId: wanted.locationId,
          permissions: wanted.roles,
        },
      ],
    );
    await auditLog(trx, { ...OPERATOR, organisationId: org.id })(
      'operator.user_invited',
      { user: userId },
      { roles: wanted.roles.join(',') },
    );
    // Opened with the account, so a run stopped before the email is resumed by running it again.
    return { userId, link: await openLink(linkDeps, trx, userId, 'invitation') };
  });
  deps.out(`Invited ${username} (user id ${userId}) to ${org.code} as ${wanted.roles.join(', ')}.`);
  return send(deps, linkDeps, link, wanted.email);
}

/**
 * A pending account: an invitation that still works stands (`keep`, `ensure`) and one that no longer does is
 * refused (`keep`: the command changed nothing) or replaced (`ensure`: it just added a membership); `resend`
 * always replaces it.
 */
async function ensureInvitation(
  deps: OperatorDeps,
  account: { id: string; username: string },
  wanted: Wanted,
  mode: 'keep' | 'ensure' | 'resend',
): Promise<number> {
  const linkDeps = await linkDepsOf(deps);
  const open = await findOpenAccountLink(deps.db, account.id, 'invitation');
  if (open && mode !== 'resend') {
    // Idempotent: reaches the invitation's own workflow, or starts it if an earlier run stopped before.
    await sendAccountLink(linkDeps, { id: open.id, purpose: 'invitation' });
    const until = `the invitation emailed to ${wanted.email} works until ${open.expiresAt.toISOString()}`;
    deps.out(
      mode === 'keep'
        ? `${account.username} is already invited to ${wanted.org.code} as given, and ${until}: nothing changed.`
        : `They have not chosen a password yet; ${until}.`,
    );
    return 0;
  }
  if (mode === 'keep') {
    throw new AppError(
      'CONFLICT',
      `${account.username} was invited to ${wanted.org.code} but has not chosen a password, and no invitation link works ` +
        'any more (expired or used): run the same command with --resend to email a new one. Nothing changed.',
    );
  }
  const link = await deps.db.transaction(async (trx) => {
    await auditLog(trx, { ...OPERATOR, organisationId: wanted.org.id })('operator.invitation_resent', {
      user: account.id,
    });
    return openLink(linkDeps, trx, account.id, 'invitation');
  });
  deps.out(`A new invitation replaces the earlier one (which no longer works).`);
  return send(deps, linkDeps, link, wanted.email);
}

async function send(deps: OperatorDeps, linkDeps: AccountLinkDeps, link: OpenedLink, email: string): Promise<number> {
  try {
    await sendAccountLink(linkDeps, link);
  } catch {
    deps.err(
      'The invitation email could not be handed to Temporal (is TEMPORAL_ADDRESS reachable?). ' +
        'The account is kept: run the same command again to send it.',
    );
    return 1;
  }
  const days = Math.round(
    (deps.settings.durations?.activationLink ?? DEFAULT_DURATIONS_MS.activationLink) / 86_400_000,
  );
  deps.out(
    `An email to ${email} asks them to choose a password; the link works once, for ${days} days. ` +
      'A worker sends it (it waits in Temporal until one runs).',
  );
  return 0;
}

async function linkDepsOf(deps: OperatorDeps): Promise<AccountLinkDeps> {
  return { db: deps.db, temporal: await deps.temporal(), settings: deps.settings };
}

async function wantedInvitation(deps: OperatorDeps, o: InviteOptions): Promise<Wanted> {
  const code = input.organisationCode(input.required('organisation', o.organisation));
  const email = input.required('email', o.email).trim().toLowerCase();
  const firstName = input.text('first-name', input.required('first-name', o['first-name']), 100);
  const surname = input.text('surname', input.required('surname', o.surname), 100);
  const roles = [...new Set(o.role ?? [])];
  if (roles.length === 0)
    throw new AppError('BAD_REQUEST', `--role is required (repeat it for each): ${PERMISSIONS.join(', ')}.`);
  const unknown = roles.filter((r) => !isPermission(r));
  if (unknown.length)
    throw new AppError(
      'BAD_REQUEST',
      `--role ${unknown.join(', ')}: not a role. The roles are ${PERMISSIONS.join(', ')}.`,
    );
  const permissions = roles.filter(isPermission);
  const username = o.username?.trim();
  if (username !== undefined && !USERNAME.test(username)) {
    throw new AppError('BAD_REQUEST', '--username must be 3 to 50 letters, digits, dots, dashes or underscores.');
  }

  const org = await findOrganisationByCode(deps.db, code);
  if (!org) {
    throw new AppError(
      'NOT_FOUND',
      `No organisation has the code ${code}: create it first (organisation create, or provider create).`,
    );
  }
  const domain = EMAIL.exec(email)?.[1];
  if (!domain) throw new AppError('BAD_REQUEST', '--email must be an email address, like name@example.com.');
  if (!org.emailDomains.includes(domain)) {
    throw new AppError(
      'BAD_REQUEST',
      `--email must be at an email domain ${org.code} has registered (${org.emailDomains.join(', ')}), ` +
        'as registration requires.',
    );
  }
  const providerOnly = providerOnlyOf(permissions);
  if (providerOnly.length > 0 && !org.isProvider) {
    throw new AppError(
      'BAD_REQUEST',
      `${providerOnly.join(' and ')} ${providerOnly.length > 1 ? 'are roles' : 'is a role'} of the provider's staff only: ` +
        `${org.code} is not the provider organisation.`,
    );
  }
  let manager: Wanted['manager'] = null;
  if (o.manager !== undefined) {
    manager = (await findActiveMemberByUsername(deps.db, org.id, o.manager.trim())) ?? null;
    if (!manager)
      throw new AppError(
        'BAD_REQUEST',
        `--manager: ${org.code} has no active member with the username ${o.manager.trim()}.`,
      );
  }
  let locationId: string | null = null;
  if (o.location !== undefined) {
    locationId = (await findLocationId(deps.db, org.id, o.location.trim())) ?? null;
    if (!locationId) {
      throw new AppError(
        'BAD_REQUEST',
        `--location: ${org.code}'s locations are ${org.locations.join(', ') || 'none'}.`,
      );
    }
  }
  return {
    org,
    email,
    firstName,
    surname,
    roles: permissions,
    manager,
    locationId,
    username,
    title: o.title === undefined ? undefined : input.text('title', o.title, 20),
    jobTitle: o['job-title'] === undefined ? undefined : input.text('job-title', o['job-title'], 100),
  };
}

/** A membership as it is against the one asked for, in words; empty when they match. */
async function membershipDifferences(
  deps: OperatorDeps,
  membership: NonNullable<Awaited<ReturnType<typeof findMembership>>>,
  wanted: Wanted,
): Promise<string[]> {
  const differences: string[] = [];
  const has = membership.permissions;
  if (has.length !== wanted.roles.length || !has.every((r) => wanted.roles.includes(r))) {
    differences.push(`roles: ${has.join(', ') || 'none'} (asked for ${wanted.roles.join(', ')})`);
  }
  if (membership.managerId !== (wanted.manager?.id ?? null)) {
    const current = membership.managerId ? await findUsername(deps.db, membership.managerId) : undefined;
    differences.push(`manager: ${current ?? 'none'} (asked for ${wanted.manager?.username ?? 'none'})`);
  }
  if (membership.locationId !== wanted.locationId) differences.push('location: another than asked for');
  return differences;
}

/** The email's local part as a username, made valid, with a number added when it is taken. */
async function freeUsername(deps: OperatorDeps, email: string): Promise<string> {
  const local = email
    .split('@')[0]!
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .replace(/^[.]+|[.]+$/g, '');
  const base = (local.length >= 3 ? local : `${local}.user`.replace(/^[.]/, '')).slice(0, 46);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await isUsernameTaken(deps.db, candidate))) return candidate;
  }
}
