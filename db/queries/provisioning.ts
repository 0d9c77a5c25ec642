import type { Knex } from 'knex';
import type { Permission } from '../../domain/permissions.ts';
import { Membership } from '../models/membership.ts';
import { Organisation } from '../models/organisation.ts';
import { User, type UserStatus } from '../models/user.ts';

/**
 * Creating organisations and accounts directly: used by the operator's commands
 * (bin/casebook.ts), the demo data and test fixtures. Records only: no workflow owns these.
 */
export type NewOrganisation = {
  code: string;
  name: string;
  isProvider?: boolean;
  verificationCode: string;
  caseNumberPrefix: string;
  requiresApproval?: boolean;
  requiresTwoFactor?: boolean;
  emailDomains: string[];
  locations?: string[];
  divisions?: string[];
  departments?: string[];
  /** Keys of the form types the organisation may use. */
  formKeys?: string[];
};

export type ProvisionedOrganisation = {
  id: string;
  code: string;
  locations: Record<string, string>;
  divisions: Record<string, string>;
  departments: Record<string, string>;
};

export async function createOrganisation(db: Knex, org: NewOrganisation): Promise<ProvisionedOrganisation> {
  return db.transaction(async (trx) => {
    const [row] = await trx('organisations')
      .insert({
        code: org.code,
        name: org.name,
        isProvider: org.isProvider ?? false,
        verificationCode: org.verificationCode,
        caseNumberPrefix: org.caseNumberPrefix,
        requiresApproval: org.requiresApproval ?? false,
        requiresTwoFactor: org.requiresTwoFactor ?? false,
      })
      .returning('id');
    const id = row.id as string;
    if (org.emailDomains.length)
      await trx('email_domains').insert(
        org.emailDomains.map((domain) => ({ organisationId: id, domain: domain.toLowerCase() })),
      );
    const named = async (table: string, names: string[] = []) => {
      if (!names.length) return {};
      const rows = await trx(table)
        .insert(names.map((name) => ({ organisationId: id, name })))
        .returning(['id', 'name']);
      return Object.fromEntries(rows.map((r: { id: string; name: string }) => [r.name, r.id]));
    };
    const locations = await named('locations', org.locations);
    const divisions = await named('divisions', org.divisions);
    const departments = await named('departments', org.departments);
    if (org.formKeys?.length) {
      const forms = await trx('form_types').whereIn('key', org.formKeys).select('id');
      await trx('organisation_form_types').insert(
        forms.map((f: { id: string }) => ({ organisationId: id, formTypeId: f.id })),
      );
    }
    return { id, code: org.code, locations, divisions, departments };
  });
}

export type NewUser = {
  username: string;
  email: string;
  passwordHash: string;
  title?: string;
  firstName: string;
  surname: string;
  jobTitle?: string;
  telephone?: string;
  workAddress?: string;
  workPostcode?: string;
  status?: 'pending' | 'active' | 'disabled';
};

export type NewMembership = {
  organisationId: string;
  managerId?: string | null;
  locationId?: string | null;
  divisionId?: string | null;
  departmentId?: string | null;
  permissions: Permission[];
};

/** An account with its memberships, all or nothing; registration uses it too, for a pending account. */
export async function createUser(db: Knex, user: NewUser, memberships: NewMembership[]): Promise<string> {
  return db.transaction(async (trx) => {
    const created = await User.query(trx).insertGraph({ status: 'active', ...user, memberships });
    return created.id;
  });
}

export async function createShare(
  db: Knex,
  share: { organisationId: string; ownerId: string; viewerId: string; notify?: boolean },
) {
  await db('shares').insert({ notify: true, ...share });
}

/** An organisation as createOrganisation was given it, read back: what a repeated create is compared with. */
export type OrganisationRecord = Required<Omit<NewOrganisation, 'verificationCode'>> & {
  id: string;
  verificationCode: string;
};

export async function findOrganisationByCode(db: Knex, code: string): Promise<OrganisationRecord | undefined> {
  const org = await Organisation.query(db)
    .findOne({ code })
    .select(
      ...['id', 'code', 'name', 'isProvider', 'verificationCode', 'caseNumberPrefix'],
      ...['requiresApproval', 'requiresTwoFactor'],
    );
  if (!org) return undefined;
  // Sorted here, not by the database's collation: the same order wherever it runs.
  const column = async (table: string, name: string) =>
    ((await db(table).where({ organisationId: org.id }).pluck(name)) as string[]).sort();
  const forms = await db('organisation_form_types as oft')
    .join('form_types as f', 'f.id', 'oft.formTypeId')
    .where('oft.organisationId', org.id)
    .pluck('f.key');
  return {
    id: org.id,
    code: org.code,
    name: org.name,
    isProvider: org.isProvider,
    verificationCode: org.verificationCode,
    caseNumberPrefix: org.caseNumberPrefix,
    requiresApproval: org.requiresApproval,
    requiresTwoFactor: org.requiresTwoFactor,
    emailDomains: await column('email_domains', 'domain'),
    locations: await column('locations', 'name'),
    divisions: await column('divisions', 'name'),
    departments: await column('departments', 'name'),
    formKeys: (forms as string[]).sort(),
  };
}

/** The provider organisation (Casebook serves one), if it has been created. */
export async function findProviderOrganisation(db: Knex): Promise<{ code: string; name: string } | undefined> {
  return Organisation.query(db).findOne({ isProvider: true }).orderBy('createdAt').select('code', 'name');
}

/** Every referral form type's key: what an organisation may be given. */
export async function listFormKeys(db: Knex): Promise<string[]> {
  return ((await db('form_types').pluck('key')) as string[]).sort();
}

/** The account an email address belongs to, whatever its case, with what an invitation is compared with. */
export async function findAccountForInvitation(
  db: Knex,
  email: string,
): Promise<{ id: string; username: string; firstName: string; surname: string; status: UserStatus } | undefined> {
  return User.query(db)
    .whereRaw('lower(email) = lower(?)', [email])
    .first()
    .select('id', 'username', 'firstName', 'surname', 'status');
}

/** A user's membership of one organisation, whatever its status. */
export async function findMembership(
  db: Knex,
  userId: string,
  organisationId: string,
): Promise<{ id: string; managerId: string | null; locationId: string | null; permissions: Permission[] } | undefined> {
  return Membership.query(db)
    .findOne({ userId, organisationId })
    .select('id', 'managerId', 'locationId', 'permissions');
}

/** An active member of the organisation by username (a manager to report to), whatever the username's case. */
export async function findActiveMemberByUsername(
  db: Knex,
  organisationId: string,
  username: string,
): Promise<{ id: string; username: string } | undefined> {
  return User.query(db)
    .join('memberships', 'memberships.userId', 'users.id')
    .where({ 'memberships.organisationId': organisationId, 'memberships.status': 'active', 'users.status': 'active' })
    .whereRaw('lower(users.username) = lower(?)', [username])
    .first()
    .select('users.id', 'users.username');
}

export async function findUsername(db: Knex, userId: string): Promise<string | undefined> {
  return (await User.query(db).findById(userId).select('username'))?.username;
}

export async function findLocationId(db: Knex, organisationId: string, name: string): Promise<string | undefined> {
  return (await db('locations').where({ organisationId, name }).first('id'))?.id;
}

/** A further organisation for an existing account (shared services). */
export async function addMembership(db: Knex, userId: string, membership: NewMembership): Promise<string> {
  const created = await Membership.query(db).insert({ userId, status: 'active', ...membership });
  return created.id;
}
