import { User } from '../../db/models/user.ts';
import { isEmailTaken, isUsernameTaken } from '../../db/queries/accounts.ts';
import { hasMembership, listManagerChoices } from '../../db/queries/memberships.ts';
import {
  findOrganisationByVerificationCode,
  hasEmailDomain,
  isLocationOf,
  listLocations,
} from '../../db/queries/organisations.ts';
import { createUser } from '../../db/queries/provisioning.ts';
import { isUuid } from '../../domain/ids.ts';
import { AppError } from '../../domain/errors.ts';
import { commonWords } from '../../domain/common-words.ts';
import { checkPassword, passwordProblem } from '../../domain/password-policy.ts';
import { auditLog } from '../../services/audit.ts';
import { verifyBotCheck } from '../../services/bot-check.ts';
import { hashPassword } from '../../services/passwords.ts';
import type { AppDeps } from '../context.ts';
import { consumeAccountLink, startAccountLink } from './account-links.ts';

export const INVALID_CODE = 'Invalid Verification Code';
export const BOT_CHECK_FAILED = 'Complete the check that you are not a robot, then try again.';

/** What registration shows once a verification code is right. */
export async function lookupOrganisation(deps: AppDeps, code: string, ip: string | null) {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  const org = await findOrganisationByVerificationCode(deps.db, code.trim());
  if (!org) throw new AppError('NOT_FOUND', INVALID_CODE);
  const managers = await listManagerChoices(deps.db, org.id);
  return { organisationId: org.id, name: org.name, managers, locations: await listLocations(deps.db, org.id) };
}

export type Registration = {
  verificationCode: string;
  managerId: string;
  locationId: string;
  title: string;
  firstName: string;
  surname: string;
  workAddress: string;
  workPostcode: string;
  jobTitle: string;
  telephone: string;
  email: string;
  emailConfirmation: string;
  username: string;
  password: string;
  passwordConfirmation: string;
  botCheck: string;
};

// Shared with the operator's `user invite`, which makes accounts by the same rules.
export const USERNAME = /^[A-Za-z0-9._-]{3,50}$/;
export const EMAIL = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;
export const HAS_ALPHANUMERIC = /[\p{L}\p{N}]/u;

/**
 * Creates a pending account and emails its activation link. An email address
 * that already has an account gets the same answer and no second account, so
 * the response never tells whether an address is registered.
 */
export async function register(deps: AppDeps, input: Registration, ip: string | null): Promise<void> {
  await deps.limits.consume('account-form-ip', [ip ?? 'unknown']);
  if (!(await verifyBotCheck(deps.settings.secret, input.botCheck)))
    throw new AppError('BAD_REQUEST', BOT_CHECK_FAILED, { botCheck: BOT_CHECK_FAILED });
  const org = await findOrganisationByVerificationCode(deps.db, input.verificationCode.trim());
  if (!org) throw new AppError('BAD_REQUEST', INVALID_CODE, { verificationCode: INVALID_CODE });

  const errors: Record<string, string> = {};
  const required: [keyof Registration, string][] = [
    ['title', 'Enter your title'],
    ['firstName', 'Enter your first name'],
    ['surname', 'Enter your surname'],
    ['workAddress', 'Enter your work address'],
    ['workPostcode', 'Enter your work post code'],
    ['jobTitle', 'Enter your job title'],
    ['telephone', 'Enter your contact telephone number'],
  ];
  for (const [field, message] of required) {
    const value = input[field].trim();
    if (!value) errors[field] = message;
    else if (!HAS_ALPHANUMERIC.test(value)) errors[field] = 'Must contain at least 1 letter or number';
  }
  const manager = isUuid(input.managerId) && (await hasMembership(deps.db, input.managerId, org.id, 'active'));
  if (!manager) errors.managerId = 'Select your manager from the list';
  const location = isUuid(input.locationId) && (await isLocationOf(deps.db, org.id, input.locationId));
  if (!location) errors.locationId = 'Select your location from the list';

  const email = input.email.trim().toLowerCase();
  const domain = EMAIL.exec(email)?.[1];
  if (!domain) errors.email = 'Enter an email address in the correct format, like name@example.com';
  else if (!(await hasEmailDomain(deps.db, org.id, domain))) {
    errors.email = `Use your work email address: it must be at an email domain ${org.name} has registered with us`;
  }
  if (email !== input.emailConfirmation.trim().toLowerCase())
    errors.emailConfirmation = 'The email addresses do not match';

  const username = input.username.trim();
  if (!USERNAME.test(username))
    errors.username = 'Your user name must be 3 to 50 letters, digits, dots, dashes or underscores';
  else if (await isUsernameTaken(deps.db, username)) {
    errors.username = 'That user name is taken. Choose another';
  }
  const problem = passwordProblem(
    checkPassword({ password: input.password, confirmation: input.passwordConfirmation, username }, commonWords()),
  );
  if (problem) errors.password = problem;
  if (Object.keys(errors).length)
    throw new AppError('BAD_REQUEST', 'There is a problem with your registration: check the answers marked.', errors);

  if (await isEmailTaken(deps.db, email)) {
    await auditLog(deps.db, { actorId: null, organisationId: org.id, ip })('account.registration_duplicate_email');
    return;
  }
  const passwordHash = await hashPassword(input.password);
  const userId = await deps.db.transaction(async (trx) => {
    const id = await createUser(
      trx,
      {
        username,
        email,
        passwordHash,
        status: 'pending',
        title: input.title.trim(),
        firstName: input.firstName.trim(),
        surname: input.surname.trim(),
        jobTitle: input.jobTitle.trim(),
        telephone: input.telephone.trim(),
        workAddress: input.workAddress.trim(),
        workPostcode: input.workPostcode.trim(),
      },
      [{ organisationId: org.id, managerId: input.managerId, locationId: input.locationId, permissions: ['referrer'] }],
    );
    await auditLog(trx, { actorId: id, organisationId: org.id, ip })('account.registered', { user: id });
    return id;
  });
  await startAccountLink(deps, userId, 'activation');
}

/** Follows the activation link: the account can sign in from now on. */
export async function activateAccount(deps: AppDeps, token: string, ip: string | null): Promise<void> {
  const link = await deps.db.transaction(async (trx) => {
    const used = await consumeAccountLink(deps, trx, token, 'activation');
    await User.query(trx)
      .findById(used.userId)
      .where({ status: 'pending' })
      .patch({ status: 'active', activatedAt: new Date() });
    await auditLog(trx, { actorId: used.userId, organisationId: null, ip })('account.activated', { user: used.userId });
    return used;
  });
  link.confirm();
}
