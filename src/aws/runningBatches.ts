// The days running batches hold, for the CLI's calendar: ListExecutions (RUNNING only) and one
// DescribeExecution + GetExecutionHistory per batch whose dates meet the month (known from its name; a name
// not ours is read to be sure). Bounded: at most MAX_BATCHES_DESCRIBED histories per month.
import { batchDays, datesOfExecutionName, type BatchDay } from '../core/batchView';
import { monthDates } from '../core/dates';
import { errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import type { Batches } from './batches';

/** Running executions listed (newest first); Step Functions' default quota is far above what users run. */
const MAX_RUNNING_LISTED = 100;
const MAX_BATCHES_DESCRIBED = 10;

interface RunningBatchDays {
  days: BatchDay[];
  /** Why the batches could not be read; absent when they were, or when no workflow is set up (none can run). */
  problem?: string;
}

export async function runningBatchDays(
  batches: Pick<Batches, 'list' | 'describe'>,
  month: string,
  stackName: string,
): Promise<RunningBatchDays> {
  const dates = monthDates(month);
  const first = dates[0] ?? '';
  const last = dates[dates.length - 1] ?? '';
  try {
    const running = await batches.list({ status: 'RUNNING', limit: MAX_RUNNING_LISTED });
    const meeting = running.filter((b) => {
      const named = datesOfExecutionName(b.name);
      return !named || (named.from <= last && named.to >= first);
    });
    const details = await Promise.all(
      meeting.slice(0, MAX_BATCHES_DESCRIBED).map((b) => batches.describe(b.executionArn)),
    );
    const days = [...batchDays(details).values()].filter((d) => d.date >= first && d.date <= last);
    return { days };
  } catch (e) {
    // Without the stack no batch can be running: nothing to say about it in a calendar.
    const message = errorMessage(e);
    if (message === t('batches.noStateMachine', { stack: stackName })) return { days: [] };
    return { days: [], problem: message };
  }
}
