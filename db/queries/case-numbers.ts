import type { Knex } from 'knex';

/** Takes the next number of the organisation's sequence, in one statement so two cases never share one. */
export async function takeCaseNumber(db: Knex, organisationId: string): Promise<string> {
  const [org] = await db('organisations')
    .where({ id: organisationId })
    .increment('caseNumberSeq', 1)
    .returning(['caseNumberPrefix', 'caseNumberSeq']);
  return `${org.caseNumberPrefix}/${org.caseNumberSeq}`;
}
