// Every workflow the worker runs; the bundle is built from this file.
export { accountEmailWorkflow } from './account-email.workflow.ts';
export { referralWorkflow } from './referral.workflow.ts';
export { reassignAllWorkflow } from './reassign.workflow.ts';
