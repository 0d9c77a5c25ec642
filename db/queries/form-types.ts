import type { Knex } from 'knex';
import type { FormDefinition } from '../../domain/forms.ts';
import { Organisation } from '../models/organisation.ts';

/** The referral forms an organisation may use, by name. */
export async function listOrganisationFormTypes(
  db: Knex,
  organisationId: string,
): Promise<{ key: string; name: string }[]> {
  const forms = await Organisation.relatedQuery('formTypes', db)
    .for(organisationId)
    .orderBy('name')
    .select('key', 'name');
  return forms.map(({ key, name }) => ({ key, name }));
}

/** One form the organisation may use, with its definition; undefined when it may not. */
export async function findOrganisationFormType(
  db: Knex,
  organisationId: string,
  key: string,
): Promise<{ key: string; name: string; definition: FormDefinition } | undefined> {
  const form = await Organisation.relatedQuery('formTypes', db)
    .for(organisationId)
    .findOne({ key })
    .select('key', 'name', 'definition');
  return form && { key: form.key, name: form.name, definition: form.definition };
}
