import type { Knex } from 'knex';
import type { Permission } from '../../domain/permissions.ts';
import { User } from '../models/user.ts';

/**
 * Creating organisations and accounts directly: used by the demo data and test
 * fixtures (and, later, by provider admin). Records only: no workflow owns these.
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

export type ProvisionedOrganisation = { id: string; code: string; locations: Record<string, string>; divisions: Record<string, string>; departments: Record<string, string> };

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
    if (org.emailDomains.length) await trx('email_domains').insert(org.emailDomains.map((domain) => ({ organisationId: id, domain: domain.toLowerCase() })));
    const named = async (table: string, names: string[] = []) => {
      if (!names.length) return {};
      const rows = await trx(table).insert(names.map((name) => ({ organisationId: id, name }))).returning(['id', 'name']);
      return Object.fromEntries(rows.map((r: { id: string; name: string }) => [r.name, r.id]));
    };
    const locations = await named('locations', org.locations);
    const divisions = await named('divisions', org.divisions);
    const departments = await named('departments', org.departments);
    if (org.formKeys?.length) {
      const forms = await trx('form_types').whereIn('key', org.formKeys).select('id');
      await trx('organisation_form_types').insert(forms.map((f: { id: string }) => ({ organisationId: id, formTypeId: f.id })));
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

export async function createShare(db: Knex, share: { organisationId: string; ownerId: string; viewerId: string; notify?: boolean }) {
  await db('shares').insert({ notify: true, ...share });
}
