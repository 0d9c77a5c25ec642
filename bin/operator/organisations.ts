import { randomInt } from 'node:crypto';
import {
  createOrganisation,
  findOrganisationByCode,
  findProviderOrganisation,
  listFormKeys,
  type NewOrganisation,
  type OrganisationRecord,
} from '../../db/queries/provisioning.ts';
import { AppError } from '../../domain/errors.ts';
import { verificationCodeFrom } from '../../domain/organisations.ts';
import { auditLog } from '../../services/audit.ts';
import { OPERATOR, type OperatorDeps } from './deps.ts';
import * as input from './inputs.ts';

export type OrganisationOptions = {
  code?: string;
  name?: string;
  'case-number-prefix'?: string;
  'email-domain'?: string[];
  location?: string[];
  division?: string[];
  department?: string[];
  forms?: string[];
  'requires-approval'?: boolean;
  'requires-two-factor'?: boolean;
};

/** `organisation create` (a client organisation) and `provider create` (the OH provider). */
export async function createOrganisationCommand(
  deps: OperatorDeps,
  o: OrganisationOptions,
  isProvider: boolean,
): Promise<number> {
  const wanted = await wantedOrganisation(deps, o, isProvider);
  const existing = await findOrganisationByCode(deps.db, wanted.code);
  if (existing) return sameOrRefuse(deps, existing, wanted);
  if (isProvider) {
    const provider = await findProviderOrganisation(deps.db);
    if (provider) {
      throw new AppError(
        'CONFLICT',
        'Casebook has one provider organisation and it exists already: ' +
          `${provider.code} (${provider.name}). Nothing changed.`,
      );
    }
  }
  const verificationCode = newVerificationCode();
  let id: string;
  try {
    id = await deps.db.transaction(async (trx) => {
      const created = await createOrganisation(trx, { ...wanted, verificationCode });
      const audit = auditLog(trx, { ...OPERATOR, organisationId: created.id });
      await audit(
        isProvider ? 'operator.provider_created' : 'operator.organisation_created',
        { organisation: created.id },
        {
          code: wanted.code,
          emailDomains: wanted.emailDomains.length,
          locations: wanted.locations.length,
          forms: wanted.formKeys.join(','),
        },
      );
      return created.id;
    });
  } catch (error) {
    // The same command run twice at once: the second finds the first's organisation.
    const raced = await findOrganisationByCode(deps.db, wanted.code);
    if (raced) return sameOrRefuse(deps, raced, wanted);
    throw error;
  }
  const what = isProvider ? 'provider organisation' : 'organisation';
  deps.out(`Created ${what} ${wanted.code} (${wanted.name}), id ${id}.`);
  deps.out(`Verification code: ${verificationCode}`);
  deps.out(
    isProvider
      ? 'Invite its first provider admin and clinicians with `user invite --organisation ' +
          `${wanted.code} --role provider_admin` +
          '` (or `--role clinician`).'
      : 'Give the verification code to its staff: they enter it to register. Invite its user admin with ' +
          `\`user invite --organisation ${wanted.code} --role user_admin --role referrer\`.`,
  );
  return 0;
}

async function wantedOrganisation(
  deps: OperatorDeps,
  o: OrganisationOptions,
  isProvider: boolean,
): Promise<Omit<OrganisationRecord, 'id' | 'verificationCode'>> {
  const code = input.organisationCode(o.code);
  const name = input.text('name', input.required('name', o.name));
  // The provider receives referrals rather than making them: its prefix is never shown, its code will do.
  const prefix =
    isProvider && !o['case-number-prefix'] ? code : input.required('case-number-prefix', o['case-number-prefix']);
  const emailDomains = input.emailDomains(o['email-domain']);
  const locations = input.names('location', o.location);
  if (!isProvider && locations.length === 0) {
    throw new AppError(
      'BAD_REQUEST',
      '--location is required (repeat it for each): registration asks each person to choose one.',
    );
  }
  return {
    code,
    name,
    isProvider,
    caseNumberPrefix: input.caseNumberPrefix(prefix),
    requiresApproval: !isProvider && (o['requires-approval'] ?? false),
    requiresTwoFactor: o['requires-two-factor'] ?? false,
    emailDomains,
    locations,
    divisions: input.names('division', o.division),
    departments: input.names('department', o.department),
    formKeys: isProvider ? [] : await formKeys(deps, o.forms),
  };
}

/** The forms asked for, each one the database has; all of them when none is named. */
async function formKeys(deps: OperatorDeps, requested: string[] | undefined): Promise<string[]> {
  const known = await listFormKeys(deps.db);
  const keys = input.commaList(requested);
  if (keys.length === 0) return known;
  const unknown = keys.filter((k) => !known.includes(k));
  if (unknown.length)
    throw new AppError('BAD_REQUEST', `--forms: no form ${unknown.join(', ')}. The forms are: ${known.join(', ')}.`);
  return keys;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const shown = (value: string | boolean | readonly string[]) =>
  Array.isArray(value)
    ? value.length
      ? value.join(', ')
      : 'none'
    : typeof value === 'string'
      ? `"${value}"`
      : value
        ? 'yes'
        : 'no';

type Compared = Omit<NewOrganisation, 'verificationCode'>;
const FIELDS: [keyof Compared, string][] = [
  ['name', 'name'],
  ['isProvider', 'provider'],
  ['caseNumberPrefix', 'case-number prefix'],
  ['requiresApproval', 'requires approval'],
  ['requiresTwoFactor', 'requires two-factor'],
  ['emailDomains', 'email domains'],
  ['locations', 'locations'],
  ['divisions', 'divisions'],
  ['departments', 'departments'],
  ['formKeys', 'forms'],
];

/** A repeated create: says so when it matches, refuses naming each difference when it does not. */
function sameOrRefuse(deps: OperatorDeps, existing: OrganisationRecord, wanted: Compared): number {
  const differences = FIELDS.flatMap(([field, label]) => {
    const has = existing[field] ?? [];
    const asked = wanted[field] ?? [];
    const same = Array.isArray(has) && Array.isArray(asked) ? sameSet(has, asked) : has === asked;
    return same ? [] : [`${label}: ${shown(has)} (asked for ${shown(asked)})`];
  });
  if (differences.length > 0) {
    throw new AppError(
      'CONFLICT',
      `Organisation ${existing.code} already exists, and differs: ${differences.join('; ')}. ` +
        'This command only creates organisations; nothing changed.',
    );
  }
  deps.out(`Organisation ${existing.code} (${existing.name}) already exists as given: nothing changed.`);
  return 0;
}

/** `organisation show`: what it is, and the verification code its staff register with. */
export async function showOrganisationCommand(deps: OperatorDeps, o: { code?: string }): Promise<number> {
  const code = input.organisationCode(o.code);
  const org = await findOrganisationByCode(deps.db, code);
  if (!org) throw new AppError('NOT_FOUND', `No organisation has the code ${code}.`);
  // The verification code is a secret of the organisation's: who was shown it is on record.
  await auditLog(deps.db, { ...OPERATOR, organisationId: org.id })('operator.organisation_shown', {
    organisation: org.id,
  });
  const lines: [string, string | boolean | readonly string[]][] = [
    ['Name', org.name],
    ['Provider', org.isProvider],
    ['Verification code', org.verificationCode],
    ['Case-number prefix', org.caseNumberPrefix],
    ['Requires approval', org.requiresApproval],
    ['Requires two-factor', org.requiresTwoFactor],
    ['Email domains', org.emailDomains],
    ['Locations', org.locations],
    ['Divisions', org.divisions],
    ['Departments', org.departments],
    ['Forms', org.formKeys],
  ];
  deps.out(`Organisation ${org.code} (id ${org.id})`);
  for (const [label, value] of lines)
    deps.out(`  ${`${label}:`.padEnd(21)}${typeof value === 'string' ? value : shown(value)}`);
  return 0;
}

/** 12 characters from 31 (about 59 bits), in groups of four: the rule is in domain/organisations.ts. */
const newVerificationCode = () => verificationCodeFrom(randomInt);
