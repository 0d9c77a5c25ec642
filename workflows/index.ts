// Every workflow the worker runs; the bundle is built from this file.
export { accountEmailWorkflow } from './account-email.workflow.ts';
export { caseNoteEmailWorkflow } from './case-note.workflow.ts';
export { referralWorkflow } from './referral.workflow.ts';
export { questionnaireWorkflow } from './questionnaire.workflow.ts';
export { miPackWorkflow } from './mi-pack.workflow.ts';
export { reassignAllWorkflow } from './reassign.workflow.ts';
