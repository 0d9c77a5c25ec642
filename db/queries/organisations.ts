import type { Knex } from 'knex';
import { Organisation } from '../models/organisation.ts';

/** The organisation a verification code names (registration, asking to join), or undefined. */
export async function findOrganisationByVerificationCode(
  db: Knex,
  code: string,
): Promise<{ id: string; name: string } | undefined> {
  return Organisation.query(db).findOne({ verificationCode: code }).select('id', 'name');
}

/** Whether an organisation already has this code (codes are unique and name workflows). */
export async function isOrganisationCodeTaken(db: Knex, code: string): Promise<boolean> {
  return (await Organisation.query(db).findOne({ code }).select('id')) !== undefined;
}

/** What starting a referral workflow needs to know of its organisation. */
export async function findOrganisationWorkflowSettings(
  db: Knex,
  id: string,
): Promise<{ code: string; requiresApproval: boolean } | undefined> {
  return Organisation.query(db).findById(id).select('code', 'requiresApproval');
}

export async function listLocations(db: Knex, organisationId: string): Promise<{ id: string; name: string }[]> {
  return db('locations').where({ organisationId }).orderBy('name').select('id', 'name');
}

export async function isLocationOf(db: Knex, organisationId: string, locationId: string): Promise<boolean> {
  return (await db('locations').where({ organisationId, id: locationId }).first('id')) !== undefined;
}

/** Whether the organisation registered this email domain (lower case) for its staff. */
export async function hasEmailDomain(db: Knex, organisationId: string, domain: string): Promise<boolean> {
  return (await db('email_domains').where({ organisationId, domain }).first('id')) !== undefined;
}

/** False on a new, empty database (the launcher then loads the demo data). */
export async function hasOrganisations(db: Knex): Promise<boolean> {
  return (await Organisation.query(db).first().select('id')) !== undefined;
}
