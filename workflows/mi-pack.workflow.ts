/**
 * Builds the monthly MI packs: started by the Temporal Schedule on the 1st of each month for every client
 * organisation and the month before, or by a provider admin for one organisation and month. Each pack is
 * built and stored by one activity (keyed by organisation and month, so a retry or a run again replaces it).
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { previousMonth } from '../domain/mi.ts';
import { DATABASE_WRITE } from './activity-options.ts';
import type { MiPackInput } from './mi-pack.messages.ts';

type Activities = ReturnType<typeof createActivities>;
const acts = wf.proxyActivities<Activities>(DATABASE_WRITE);
// Three reports, a workbook and a PDF with charts: seconds, but sized for a large organisation.
const build = wf.proxyActivities<Activities>({ ...DATABASE_WRITE, startToCloseTimeout: '5 minutes' });

/** The month before the one `at` falls in, by UTC: what runs before the patch 'mi-pack-uk-month' computed. */
function previousUtcMonth(at: Date): string {
  const month = at.getUTCMonth(); // 0-based: the previous month's 1-based number
  return month === 0 ? `${at.getUTCFullYear() - 1}-12` : `${at.getUTCFullYear()}-${String(month).padStart(2, '0')}`;
}

export async function miPackWorkflow(input: MiPackInput = {}): Promise<{ month: string; packs: number }> {
  // Workflow time is the run's start, replayed identically. Runs before the patch took the UTC month.
  const month =
    input.month ?? (wf.patched('mi-pack-uk-month') ? previousMonth(new Date()) : previousUtcMonth(new Date()));
  const organisationIds = input.organisationId ? [input.organisationId] : await acts.listPackOrganisations();
  for (const organisationId of organisationIds) await build.buildMiPack({ organisationId, month });
  return { month, packs: organisationIds.length };
}
