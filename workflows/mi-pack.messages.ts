/** What the API and the schedule hand the MI pack workflow: ids and a month only. */
export const MI_PACK_WORKFLOW_TYPE = 'miPackWorkflow';

export type MiPackInput = {
  /** One organisation (a provider admin's run again); every client organisation when absent (the schedule). */
  organisationId?: string;
  /** "2026-11"; the month before the run's start when absent. */
  month?: string;
};
