import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.ts';
import { safeActivityFailures } from './safe-activity-failures.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export type CreateWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  /** A pre-built bundle (tests bundle once per run); otherwise bundled at start. */
  workflowBundlePath?: string;
};

export function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.activityDeps),
    // No driver message (statement parameters, row contents) reaches the SDK's log or the workflow history.
    interceptors: { activity: [safeActivityFailures] },
    // On shutdown, running activities (an email half sent) get this long to finish before they are cancelled;
    // within the entry's own deadline (services/graceful-shutdown.ts).
    shutdownGraceTime: '20 seconds',
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
  });
}
