/** Emails the owner and sharers of a case that a note was added (never its text), once per note. */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { EMAIL } from './activity-options.ts';
import type { CaseNoteEmailInput } from './case-note.messages.ts';

type Activities = ReturnType<typeof createActivities>;
const mail = wf.proxyActivities<Activities>(EMAIL);

export async function caseNoteEmailWorkflow({ referralId, noteId }: CaseNoteEmailInput): Promise<void> {
  await mail.sendReferralEmail({ referralId, template: 'note-added', eventKey: `case-note:${noteId}` });
}
