import type { Knex } from 'knex';
import type { FormDefinition } from '../../domain/forms.ts';

export type OrganisationForm = { id: string; key: string; definition: FormDefinition };

/** A referral form by key, if the organisation may use it. */
export async function findOrganisationForm(
  db: Knex,
  organisationId: string,
  key: string,
): Promise<OrganisationForm | undefined> {
  return db('form_types as f')
    .join('organisation_form_types as of', 'of.form_type_id', 'f.id')
    .where({ 'f.key': key, 'of.organisation_id': organisationId })
    .first('f.id', 'f.key', 'f.definition');
}
