// The EventBridge Scheduler adapter for deadlines (src/core/deadlineSchedule.ts says what the schedule is).
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { deadlineScheduleName, deadlineScheduleRequest } from '../core/deadlineSchedule';
import { errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import { awsErrorName } from './awsErrors';
import { schedulerSdk } from './sdk';

export interface DeadlineSchedules {
  /** Creates the one-time schedule that terminates the instance at its deadline. */
  create(instanceId: string, date: string, deadline: Date): Promise<void>;
  /** Deletes it; false when there is none (it already fired, or was never made). */
  delete(instanceId: string): Promise<boolean>;
}

/** The schedules for this configuration, or undefined without SCHEDULER_ROLE_ARN (the launcher then warns). */
export function deadlineSchedules(
  config: { schedulerRoleArn?: string },
  clients: { readonly scheduler: SchedulerClient },
): DeadlineSchedules | undefined {
  // The client (and its SDK package) is made on the first schedule, not when a command starts.
  return config.schedulerRoleArn ? new SchedulerDeadlines(() => clients.scheduler, config.schedulerRoleArn) : undefined;
}

/**
 * After a stop: deletes the run's schedule (it has nothing left to do). A failure is a warning, not an error:
 * the machine is already terminating, and the schedule would only find it gone.
 */
export async function dropDeadline(
  deadlines: DeadlineSchedules | undefined,
  instanceId: string,
): Promise<string | undefined> {
  if (!deadlines) return undefined;
  try {
    await deadlines.delete(instanceId);
    return undefined;
  } catch (e) {
    const reason = awsErrorName(e) || errorMessage(e);
    return t('deadline.deleteFailed', { name: deadlineScheduleName(instanceId), reason });
  }
}

class SchedulerDeadlines implements DeadlineSchedules {
  constructor(
    private readonly client: () => SchedulerClient,
    private readonly roleArn: string,
    private readonly groupName?: string,
  ) {}

  async create(instanceId: string, date: string, deadline: Date): Promise<void> {
    const { CreateScheduleCommand } = schedulerSdk();
    const request = deadlineScheduleRequest({
      instanceId,
      date,
      deadline,
      roleArn: this.roleArn,
      ...(this.groupName ? { groupName: this.groupName } : {}),
    });
    await this.client().send(new CreateScheduleCommand(request));
  }

  async delete(instanceId: string): Promise<boolean> {
    const { DeleteScheduleCommand } = schedulerSdk();
    try {
      await this.client().send(
        new DeleteScheduleCommand({
          Name: deadlineScheduleName(instanceId),
          ...(this.groupName ? { GroupName: this.groupName } : {}),
        }),
      );
      return true;
    } catch (e) {
      if (awsErrorName(e) === 'ResourceNotFoundException') return false;
      throw e;
    }
  }
}
