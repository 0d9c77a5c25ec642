import { randomInt } from 'node:crypto';
import { isEmailTaken } from '../../db/queries/accounts.ts';
import type { PageOptions } from '../../db/queries/keyset.ts';
import {
  findOrganisationDetail,
  formKeysInUse,
  listAllFormTypes,
  listAllQuestionnaireTypes,
  listOrganisations as listOrganisationRows,
  lockOrganisationForEdit,
  NAMED_LISTS,
  namesInUse,
  type OrganisationSettings,
  setQuestionnaireTypes,
  setVerificationCode,
  updateOrganisationSettings,
  updateServiceLevels,
} from '../../db/queries/organisation-admin.ts';
import { hasEmailDomain, isOrganisationCodeTaken } from '../../db/queries/organisations.ts';
import { listPacks } from '../../db/queries/mi-packs.ts';
import { createOrganisation as insertOrganisation } from '../../db/queries/provisioning.ts';
import {
  changeRegisteredEmail,
  listOrganisationUsers,
  lockRegisteredEmail,
  memberOrganisationIds,
  type UserListOptions,
} from '../../db/queries/user-admin.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { emailDomainOf, verificationCodeFrom } from '../../domain/organisations.ts';
import { EMAIL } from '../accounts/register.ts';
import { auditBy } from '../audit.ts';
import type { AppDeps, AuthContext } from '../context.ts';
import { startAccountEmail } from '../temporal-edge.ts';

/**
 * Provider administration (the provider admin permission): every client organisation's
 * settings, its verification code, and a user's registered email. The values are checked
 * by the route's schema with domain/organisations.ts, the rules the operator's command uses.
 */
export function listOrganisations(deps: AppDeps, page: PageOptions) {
  return listOrganisationRows(deps.db, page);
}

/** One organisation with every setting; its verification code is a secret, so who saw it is on record. */
export async function getOrganisation(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  const org = await findOrganisationDetail(deps.db, id);
  if (!org) throw notFound('That organisation');
  await auditBy(deps, auth, ip)('organisation.viewed', { organisation: id });
  return {
    ...org,
    formTypes: await listAllFormTypes(deps.db),
    questionnaireTypes: await listAllQuestionnaireTypes(deps.db),
  };
}

const sorted = (values: string[]) => [...new Set(values)].sort();
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Questionnaire types that do not exist are refused by name, before anything is written. */
async function checkQuestionnaireTypes(db: AppDeps['db'], keys: string[] | undefined): Promise<void> {
  if (!keys?.length) return;
  const known = (await listAllQuestionnaireTypes(db)).map((q) => q.key);
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new AppError('BAD_REQUEST', `There is no questionnaire type ${unknown.join(', ')}.`, {
      questionnaireTypeKeys: 'Choose questionnaire types from the list',
    });
  }
}

/** Replaces an organisation's settings; a location, division, department or form still in use stays, with a reason. */
export async function updateOrganisation(
  deps: AppDeps,
  auth: AuthContext,
  id: string,
  input: OrganisationSettings,
  ip: string | null,
): Promise<void> {
  const after: OrganisationSettings = {
    ...input,
    emailDomains: sorted(input.emailDomains),
    locations: sorted(input.locations),
    divisions: sorted(input.divisions),
    departments: sorted(input.departments),
    formKeys: sorted(input.formKeys),
    questionnaireTypeKeys: input.questionnaireTypeKeys && sorted(input.questionnaireTypeKeys),
  };
  await checkQuestionnaireTypes(deps.db, after.questionnaireTypeKeys);
  await deps.db.transaction(async (trx) => {
    if (!(await lockOrganisationForEdit(trx, id))) throw notFound('That organisation');
    const before = (await findOrganisationDetail(trx, id))!;
    if (before.isProvider) after.requiresApproval = false;
    const known = (await listAllFormTypes(trx)).map((f) => f.key);
    const unknown = after.formKeys.filter((k) => !known.includes(k));
    if (unknown.length) {
      throw new AppError('BAD_REQUEST', `There is no referral form ${unknown.join(', ')}.`, {
        formKeys: 'Choose forms from the list',
      });
    }
    if (!before.isProvider && after.locations.length === 0) {
      const message = 'Keep at least one location: registration asks each person to choose one.';
      throw new AppError('BAD_REQUEST', message, { locations: message });
    }
    for (const list of NAMED_LISTS) {
      const gone = before[list].filter((n) => !after[list].includes(n));
      const used = await namesInUse(trx, id, list, gone);
      if (used.length) {
        const message = `${used.join(', ')} cannot be removed from ${list}: users or cases still refer to ${used.length > 1 ? 'them' : 'it'}.`;
        throw new AppError('CONFLICT', message, { [list]: message });
      }
    }
    const formsUsed = await formKeysInUse(
      trx,
      id,
      before.formKeys.filter((k) => !after.formKeys.includes(k)),
    );
    if (formsUsed.length) {
      const message = `${formsUsed.join(', ')} cannot be turned off: the organisation has referrals on ${formsUsed.length > 1 ? 'them' : 'it'}.`;
      throw new AppError('CONFLICT', message, { formKeys: message });
    }
    await updateOrganisationSettings(trx, id, before, after);
    if (after.questionnaireTypeKeys) await setQuestionnaireTypes(trx, id, after.questionnaireTypeKeys);
    else after.questionnaireTypeKeys = before.questionnaireTypeKeys;
    // What changed, by field name and count: never the values (names of places, domains).
    const changed = (Object.keys(after) as (keyof OrganisationSettings)[]).filter((k) => {
      const a = before[k];
      const b = after[k];
      return Array.isArray(a) && Array.isArray(b) ? !same(a, b) : a !== b;
    });
    await auditBy(deps, auth, ip, trx)('organisation.updated', { organisation: id }, { fields: changed.join(',') });
  });
}

const UNIQUE_VIOLATION = '23505';
const codeTaken = (code: string) => {
  const message = `Another organisation already has the code ${code}. Choose another.`;
  return new AppError('CONFLICT', message, { code: message });
};

/**
 * A new client organisation with its settings and a fresh verification code. Its code names it
 * for good (search attributes, screens), so it is chosen here and never edited afterwards.
 */
export async function createOrganisation(
  deps: AppDeps,
  auth: AuthContext,
  input: OrganisationSettings & { code: string },
  ip: string | null,
): Promise<{ id: string }> {
  const known = (await listAllFormTypes(deps.db)).map((f) => f.key);
  const unknown = input.formKeys.filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new AppError('BAD_REQUEST', `There is no referral form ${unknown.join(', ')}.`, {
      formKeys: 'Choose forms from the list',
    });
  }
  if (input.locations.length === 0) {
    const message = 'Enter at least one location: registration asks each person to choose one.';
    throw new AppError('BAD_REQUEST', message, { locations: message });
  }
  await checkQuestionnaireTypes(deps.db, input.questionnaireTypeKeys);
  if (await isOrganisationCodeTaken(deps.db, input.code)) throw codeTaken(input.code);
  try {
    return await deps.db.transaction(async (trx) => {
      const created = await insertOrganisation(trx, {
        code: input.code,
        name: input.name,
        verificationCode: verificationCodeFrom(randomInt),
        caseNumberPrefix: input.caseNumberPrefix,
        requiresApproval: input.requiresApproval,
        requiresTwoFactor: input.requiresTwoFactor,
        emailDomains: sorted(input.emailDomains),
        locations: sorted(input.locations),
        divisions: sorted(input.divisions),
        departments: sorted(input.departments),
        formKeys: sorted(input.formKeys),
      });
      await updateServiceLevels(trx, created.id, input);
      await setQuestionnaireTypes(trx, created.id, sorted(input.questionnaireTypeKeys ?? []));
      await auditBy(deps, auth, ip, trx)('organisation.created', { organisation: created.id });
      return { id: created.id };
    });
  } catch (error) {
    // Two admins choosing the same code at once: the unique index decides, the loser is told.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw codeTaken(input.code);
    throw error;
  }
}

/** Every referral form and questionnaire type, for the new organisation's choices. */
export const listFormTypes = async (deps: AppDeps) => ({
  formTypes: await listAllFormTypes(deps.db),
  questionnaireTypes: await listAllQuestionnaireTypes(deps.db),
});

/** An organisation's monthly MI packs, for the provider admin to run one again. */
export async function listPacksOf(deps: AppDeps, organisationId: string) {
  if (!(await findOrganisationDetail(deps.db, organisationId))) throw notFound('That organisation');
  return listPacks(deps.db, organisationId);
}

/** A new verification code: the old one stops working at once. The new one is shown to the provider admin. */
export async function rotateVerificationCode(deps: AppDeps, auth: AuthContext, id: string, ip: string | null) {
  const code = verificationCodeFrom(randomInt);
  await deps.db.transaction(async (trx) => {
    if (!(await lockOrganisationForEdit(trx, id))) throw notFound('That organisation');
    await setVerificationCode(trx, id, code);
    await auditBy(deps, auth, ip, trx)('organisation.verification_code_rotated', { organisation: id });
  });
  return code;
}

/** An organisation's users, for the provider admin (to find the one whose email to change, or to unlock). */
export async function listUsersOf(
  deps: AppDeps,
  organisationId: string,
  options: Omit<UserListOptions, 'organisationId'>,
) {
  if (!(await findOrganisationDetail(deps.db, organisationId))) throw notFound('That organisation');
  return listOrganisationUsers(deps.db, { ...options, organisationId });
}

const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.com';

/**
 * Changes a user's registered email, only to a domain of an organisation they belong to. The user is
 * told at both addresses (a workflow sends both, keyed by the change); audited without the addresses.
 */
export async function changeUserEmail(
  deps: AppDeps,
  auth: AuthContext,
  userId: string,
  input: { email: string },
  ip: string | null,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('BAD_REQUEST', EMAIL_FORMAT, { email: EMAIL_FORMAT });
  const changeId = await deps.db.transaction(async (trx) => {
    const current = await lockRegisteredEmail(trx, userId);
    if (current === undefined) throw notFound('That user');
    if (current.toLowerCase() === email) {
      const message = 'That is already the registered email address.';
      throw new AppError('BAD_REQUEST', message, { email: message });
    }
    const domain = emailDomainOf(email);
    const organisations = await memberOrganisationIds(trx, userId);
    let allowed = false;
    for (const organisationId of organisations) allowed ||= await hasEmailDomain(trx, organisationId, domain);
    if (!allowed) {
      const message = `The email address must be at a domain registered by the user's organisation; ${domain} is not one.`;
      throw new AppError('BAD_REQUEST', message, { email: message });
    }
    if (await isEmailTaken(trx, email)) {
      const message = 'Another account is registered with that email address.';
      throw new AppError('CONFLICT', message, { email: message });
    }
    const id = await changeRegisteredEmail(trx, { userId, newEmail: email, changedBy: auth.user.id });
    await auditBy(deps, auth, ip, trx)('account.email_changed', { user: userId }, { change: id });
    return id;
  });
  await startAccountEmail(deps, { kind: 'email-changed', changeId });
}
