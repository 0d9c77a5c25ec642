import { ApplicationFailure } from '@temporalio/activity';
import { outcomeRates, referralVolumes, turnaroundTimes } from '../db/queries/mi.ts';
import { listPackOrganisations, organisationSummary, savePack } from '../db/queries/mi-packs.ts';
import { isMonth, monthLabel, monthRange, packScope, wholeOrganisation } from '../domain/mi.ts';
import { miPdf } from '../services/mi-pdf.ts';
import { miWorkbook } from '../services/mi-workbook.ts';
import type { ActivityDeps } from './referral.activities.ts';

/** The monthly MI packs: which organisations get one, and building and storing one (keyed by organisation and month). */
export function miActivities({ db }: ActivityDeps) {
  return {
    listPackOrganisations: () => listPackOrganisations(db),

    async buildMiPack(input: { organisationId: string; month: string }): Promise<void> {
      if (!isMonth(input.month)) throw ApplicationFailure.nonRetryable('Not a month', 'BadMonth');
      const organisation = await organisationSummary(db, input.organisationId);
      if (!organisation || organisation.isProvider)
        throw ApplicationFailure.nonRetryable(`Organisation ${input.organisationId} has no MI`, 'NoOrganisation');
      const viewer = wholeOrganisation(organisation.id);
      const filters = monthRange(input.month);
      const [volumes, outcomes, turnaround] = await Promise.all([
        referralVolumes(db, viewer, filters),
        outcomeRates(db, viewer, filters),
        turnaroundTimes(db, viewer, filters),
      ]);
      // A pack goes to every MI viewer of the organisation, so it names no case: figures only.
      const figures = { volumes, outcomes, turnaround: { ...turnaround, atRisk: [] } };
      const title = `Management information: ${monthLabel(input.month)}`;
      const scope = packScope(input.month);
      const [xlsx, pdf] = await Promise.all([
        miWorkbook({ title, scope, ...figures }),
        miPdf({ organisationName: organisation.name, title, scope, ...figures }),
      ]);
      await savePack(db, { organisationId: organisation.id, month: input.month, xlsx, pdf });
    },
  };
}
