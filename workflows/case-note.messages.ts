/**
 * A note a clinician added to a case: its owner and sharers are told one was added. The note itself
 * is in PostgreSQL; the payload holds ids only. A workflow of its own, since a closed case's run has
 * ended but its notes go on.
 */
export type CaseNoteEmailInput = { referralId: string; noteId: string };

export const CASE_NOTE_EMAIL_WORKFLOW_TYPE = 'caseNoteEmailWorkflow';
