import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { MI_PACK_SCHEDULE, workflowId } from '../temporal.config.ts';
import { MI_PACK_WORKFLOW_TYPE, type MiPackInput } from '../workflows/mi-pack.messages.ts';

/**
 * The Temporal Schedule that builds the monthly MI packs (visible under Schedules in the Temporal UI),
 * created at worker start if it is not there: idempotent, so every worker may call it. An existing one is
 * left as it is (an operator may have paused it). Tests pass an id of their own.
 */
export async function ensureMiPackSchedule(
  client: Client,
  options: { taskQueue: string; scheduleId?: string },
): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: options.scheduleId ?? MI_PACK_SCHEDULE.id,
      spec: { calendars: [MI_PACK_SCHEDULE.calendar], timezone: MI_PACK_SCHEDULE.timezone },
      action: {
        type: 'startWorkflow',
        workflowType: MI_PACK_WORKFLOW_TYPE,
        workflowId: workflowId.miPackScheduled,
        taskQueue: options.taskQueue,
        args: [{} satisfies MiPackInput],
      },
      // A month's run still going when the next falls due (it never should) is not doubled.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  }
}
