// The deadline of a direct launch, enforced outside the machine: one EventBridge Scheduler one-time schedule per
// run whose universal target calls EC2 TerminateInstances on that instance at the deadline, then deletes itself.
// The machine arms its own `shutdown /t` too (userData.ts), but a restart cancels that, and an AMI whose launch
// agent cannot read user data under IMDSv2-only never arms it; the schedule does not depend on the machine at all.
// (Batches launched by the workflow need none: its Task times out at the deadline and terminates the machine,
// workflowDefinition.ts.)
//
// What the request follows (EventBridge Scheduler API Reference, CreateSchedule; User Guide, "Schedule types",
// "Using universal targets"):
// - `at(yyyy-mm-ddThh:mm:ss)` with ScheduleExpressionTimezone `UTC`: a one-time schedule, 60-second precision;
// - FlexibleTimeWindow is required; `OFF` invokes at the time itself;
// - a universal target is `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>` (camelCase action) whose Input is
//   the API's request as JSON (PascalCase, as the service documents it);
// - ActionAfterCompletion `DELETE` removes a one-time schedule once it has invoked its target;
// - schedule names are 1-64 characters of `[0-9a-zA-Z-_.]`.

export const DEADLINE_SCHEDULE_PREFIX = 'adatrap-deadline-';
const TERMINATE_TARGET_ARN = 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances';
/** Schedule and schedule-group names (CreateSchedule, Name and GroupName: pattern and length). */
export const SCHEDULE_NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

interface DeadlineScheduleRequest {
  Name: string;
  GroupName?: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: 'UTC';
  FlexibleTimeWindow: { Mode: 'OFF' };
  ActionAfterCompletion: 'DELETE';
  Description: string;
  Target: { Arn: string; RoleArn: string; Input: string };
}

/** The schedule of one instance: its id is unique in the account, so the name is too. */
export function deadlineScheduleName(instanceId: string): string {
  return `${DEADLINE_SCHEDULE_PREFIX}${instanceId}`;
}

/**
 * `at()` in UTC, rounded up to the whole second: the schedule may fire a little after the deadline, never
 * before it (the machine is paid for until then and its own shutdown is timed to the same instant).
 */
export function atExpression(when: Date): string {
  const seconds = new Date(Math.ceil(when.getTime() / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
}

/** The Date an `at()` expression names (in UTC), or undefined when it is not one. */
export function parseAtExpression(expression: string): Date | undefined {
  const m = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const when = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over into March: a date that does not read back is not a date.
  const same =
    when.getUTCFullYear() === year &&
    when.getUTCMonth() === month - 1 &&
    when.getUTCDate() === day &&
    when.getUTCHours() === hour &&
    when.getUTCMinutes() === minute &&
    when.getUTCSeconds() === second;
  return same ? when : undefined;
}

export function deadlineScheduleRequest(options: {
  instanceId: string;
  date: string;
  deadline: Date;
  roleArn: string;
  groupName?: string;
}): DeadlineScheduleRequest {
  return {
    Name: deadlineScheduleName(options.instanceId),
    ...(options.groupName ? { GroupName: options.groupName } : {}),
    ScheduleExpression: atExpression(options.deadline),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Description: `ADATRAP Miner: terminate ${options.instanceId} (${options.date}) at its deadline`,
    Target: {
      Arn: TERMINATE_TARGET_ARN,
      RoleArn: options.roleArn,
      Input: JSON.stringify({ InstanceIds: [options.instanceId] }),
    },
  };
}
