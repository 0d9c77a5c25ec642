import type { Knex } from 'knex';
import type { FormType } from '../../db/models/form-type.ts';
import type { Organisation } from '../../db/models/organisation.ts';
import { Referral } from '../../db/models/referral.ts';
import { notFound } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import type { Viewer } from '../../domain/visibility.ts';

export type LoadedReferral = Referral & {
  formType: Pick<FormType, 'key' | 'name' | 'definition'>;
  organisation: Pick<Organisation, 'code' | 'requiresApproval'>;
};

/**
 * A referral the viewer may see, with its form and organisation, or 404: a case
 * the user must not see is indistinguishable from one that does not exist.
 */
export async function loadVisibleReferral(db: Knex, viewer: Viewer, referralId: string): Promise<LoadedReferral> {
  if (!isUuid(referralId)) throw notFound('The referral');
  const referral = await Referral.query(db)
    .modify('visibleTo', viewer)
    .findById(referralId)
    .withGraphFetched('[formType(form), organisation(organisation)]')
    .modifiers({
      form: (q) => q.select('key', 'name', 'definition'),
      organisation: (q) => q.select('code', 'requiresApproval'),
    });
  if (!referral) throw notFound('The referral');
  return referral as LoadedReferral;
}
