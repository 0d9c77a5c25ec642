import type { Knex } from 'knex';
import type { CaseStatus } from '../../domain/statuses.ts';
import type { EmployeeLinkPurpose } from '../models/employee-link.ts';

/** What an employee's link leads to; never the token's hash. */
export type LiveEmployeeLink = {
  id: string;
  referralId: string;
  status: CaseStatus;
  /** The organisation that referred them, the only thing of the referral their page shows. */
  employer: string;
  /** The letter under review (letter-review links only) and its PDF. */
  letterId: string | null;
  documentId: string | null;
};

/**
 * The link a token opens, if it still works: unused, unexpired, and for a letter
 * review, the letter not yet released.
 */
export async function findLiveEmployeeLink(
  db: Knex,
  tokenHash: string,
  purpose: EmployeeLinkPurpose,
): Promise<LiveEmployeeLink | undefined> {
  const query = db('employee_links as e')
    .join('referrals as r', 'r.id', 'e.referral_id')
    .join('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('advice_letters as l', 'l.id', 'e.letter_id')
    .where({ 'e.token_hash': tokenHash, 'e.purpose': purpose })
    .whereNull('e.used_at')
    .where('e.expires_at', '>', new Date())
    .first('e.id', 'e.referral_id', 'r.status', 'o.name as employer', 'l.id as letter_id', 'l.document_id');
  if (purpose === 'letter-review') query.whereNotNull('l.id').whereNull('l.released_at');
  return (await query) as LiveEmployeeLink | undefined;
}
