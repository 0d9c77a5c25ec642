// Every workflow the worker runs; the bundle is built from this file.
export { referralWorkflow } from './referral.workflow.ts';
