import type { Knex } from 'knex';
import { notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import type { FormDefinition } from '../../domain/forms.ts';
import type { Viewer } from '../../domain/visibility.ts';
import { visibleReferrals } from '../../db/queries/visibility.ts';
import type { Referral } from '../../db/models/referral.ts';

export type LoadedReferral = Referral & { formKey: string; formName: string; definition: FormDefinition; organisationCode: string; requiresApproval: boolean };

/**
 * A referral the viewer may see, or 404: a case the user must not see is
 * indistinguishable from one that does not exist.
 */
export async function loadVisibleReferral(db: Knex, viewer: Viewer, referralId: string): Promise<LoadedReferral> {
  if (!isUuid(referralId)) throw notFound('The referral');
  const row = await visibleReferrals(db, viewer)
    .join('form_types as f', 'f.id', 'r.form_type_id')
    .join('organisations as org', 'org.id', 'r.organisation_id')
    .where('r.id', referralId)
    .first('r.*', 'f.key as form_key', 'f.name as form_name', 'f.definition', 'org.code as organisation_code', 'org.requires_approval');
  if (!row) throw notFound('The referral');
  return row as LoadedReferral;
}
