// What the extension shows of batches without calling AWS: a batch's dates from its execution name (the list
// has names only; describing every execution to label it would cost a history read each), the AWS console page
// of an execution, and the days running batches hold (the calendar shows them queued or running, from AWS, so
// a window reload loses nothing).
import type { DayProgress, DayState, ExecutionStatus } from './batchProgress';

interface NamedDates {
  from: string;
  to: string;
  days: number;
}

/** `2020-06-29_2020-07-01_3d_…` (executionName in batchProgress.ts) → its range; undefined for other names. */
export function datesOfExecutionName(name: string): NamedDates | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})_(\d+)d(?:_|$)/.exec(name);
  if (!m) return undefined;
  return { from: m[1] as string, to: m[2] as string, days: Number(m[3]) };
}

/**
 * The Step Functions console page of an execution, in the execution's own region and partition. The console's
 * address is not an API (this is the "v2" execution details page as the console links it today).
 */
export function executionConsoleUrl(executionArn: string): string | undefined {
  const m = /^arn:(aws[a-z-]*):states:([a-z0-9-]+):\d{12}:execution:/.exec(executionArn);
  if (!m) return undefined;
  const [, partition, region] = m as unknown as [string, string, string];
  const host =
    partition === 'aws-cn'
      ? `console.amazonaws.cn`
      : partition === 'aws-us-gov'
        ? `console.amazonaws-us-gov.com`
        : `${region}.console.aws.amazon.com`;
  return `https://${host}/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}

type BatchDayKind = 'queued' | 'running';

export interface BatchDay {
  date: string;
  kind: BatchDayKind;
  executionArn: string;
  state: DayState;
  /** Tries of the day so far (DayProgress.attempts). */
  attempts: number;
  /** The newest machine the batch launched for the day. */
  instanceId?: string;
  /** What ended the last try (an interruption, a silent machine), when one did. */
  reason?: string;
}

const RUNNING_DAY: ReadonlySet<DayState> = new Set(['launching', 'running', 'retrying', 'interrupted']);

/**
 * The days of running batches that are not over: `queued` (waiting for a slot) or `running` (a machine is being
 * launched, works, or the day waits to be retried). A date in two running batches shows the busier state.
 */
export function batchDays(
  batches: readonly { executionArn: string; status: ExecutionStatus | 'UNKNOWN'; days: readonly DayProgress[] }[],
): Map<string, BatchDay> {
  const found = new Map<string, BatchDay>();
  for (const batch of batches) {
    if (batch.status !== 'RUNNING') continue;
    for (const day of batch.days) {
      const kind: BatchDayKind | undefined =
        day.state === 'queued' ? 'queued' : RUNNING_DAY.has(day.state) ? 'running' : undefined;
      if (!kind) continue;
      const seen = found.get(day.date);
      if (seen?.kind === 'running') continue;
      found.set(day.date, {
        date: day.date,
        kind,
        executionArn: batch.executionArn,
        state: day.state,
        attempts: day.attempts,
        ...(day.instanceId ? { instanceId: day.instanceId } : {}),
        ...(day.reason ? { reason: day.reason } : {}),
      });
    }
  }
  return found;
}
