// A batch is one Step Functions execution of the workflow (src/core/workflowDefinition.ts): one inline Map
// iteration per day. This module turns the execution's input and history into per-day progress, without any
// AWS call, so the CLI, the extension and the bench read a batch the same way.
//
// Shapes follow the Step Functions API reference (GetExecutionHistory, HistoryEvent): every event has `id`,
// `previousEventId`, `timestamp`, `type` and one `<type>EventDetails` member. Events of a Map iteration chain
// through `previousEventId` back to that iteration's `MapIterationStarted`, whose details carry the item
// `index`; `MapIterationSucceeded|Failed|Aborted` carry the index themselves. Task events name the state
// through the `StateEntered` that precedes them on the same chain.
import { LAUNCH_STATE_PREFIX, WORKFLOW_ERRORS } from './workflowDefinition';

export type DayState =
  'queued' | 'launching' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'interrupted' | 'stopped';

export const DAY_STATES: readonly DayState[] = [
  'queued',
  'launching',
  'running',
  'retrying',
  'interrupted',
  'succeeded',
  'failed',
  'stopped',
];

/** Executions' statuses as DescribeExecution / ListExecutions give them. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

interface NamedDetails {
  name?: string;
  input?: string;
  output?: string;
}
interface ErrorDetails {
  error?: string;
  cause?: string;
}
interface IndexDetails {
  name?: string;
  index?: number;
}

/** The members of a HistoryEvent this model reads (the SDK's HistoryEvent fits it). */
export interface HistoryEventLike {
  id: number;
  previousEventId?: number;
  timestamp?: Date;
  type?: string;
  stateEnteredEventDetails?: NamedDetails;
  taskSubmittedEventDetails?: { output?: string };
  taskFailedEventDetails?: ErrorDetails;
  taskTimedOutEventDetails?: ErrorDetails;
  mapIterationStartedEventDetails?: IndexDetails;
  mapIterationSucceededEventDetails?: IndexDetails;
  mapIterationFailedEventDetails?: IndexDetails;
  mapIterationAbortedEventDetails?: IndexDetails;
  executionFailedEventDetails?: ErrorDetails;
  executionAbortedEventDetails?: ErrorDetails;
  executionTimedOutEventDetails?: ErrorDetails;
}

export interface DayProgress {
  date: string;
  state: DayState;
  /** Tries of the day so far (a retry after an interruption or a silent machine is a new try); 0 when queued. */
  attempts: number;
  /** The newest machine launched for the day. */
  instanceId?: string;
  /** Why the day failed, or what ended its last try. */
  reason?: string;
  startedAt?: Date;
  endedAt?: Date;
}

export interface BatchSummary {
  status: ExecutionStatus | 'UNKNOWN';
  total: number;
  counts: Record<DayState, number>;
  /** Days that are over, whatever the outcome. */
  finished: number;
  /** Days with a machine alive or about to be (launching, running). */
  active: number;
  /** The batch's result once the execution ended: every day succeeded. */
  ok: boolean;
  done: boolean;
}

const FINAL_DAY: ReadonlySet<DayState> = new Set(['succeeded', 'failed', 'stopped']);
const isFinalDay = (s: DayState): boolean => FINAL_DAY.has(s);
export const isFinalExecution = (s: string): boolean => s !== 'RUNNING' && s !== 'PENDING_REDRIVE';

interface Track {
  state: DayState;
  tries: number;
  instanceId?: string;
  reason?: string;
  startedAt?: Date;
  endedAt?: Date;
}

const describeError = (e: ErrorDetails | undefined): string | undefined => {
  if (!e?.error && !e?.cause) return undefined;
  return [e.error, e.cause].filter(Boolean).join(': ');
};

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function instanceIdOf(output: string | undefined): string | undefined {
  // runInstances answers in the SDK's shape: { Instances: [{ InstanceId }] } (EC2 RunInstances response).
  const value = parseJson(output) as { Instances?: { InstanceId?: unknown }[] } | undefined;
  const id = value?.Instances?.[0]?.InstanceId;
  return typeof id === 'string' ? id : undefined;
}

function errorOfInput(input: string | undefined): string | undefined {
  const value = parseJson(input) as { error?: { Error?: unknown; Cause?: unknown } | unknown } | undefined;
  const e = value?.error;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const { Error: error, Cause: cause } = e as { Error?: unknown; Cause?: unknown };
    return describeError({
      error: typeof error === 'string' ? error : undefined,
      cause: typeof cause === 'string' ? cause : undefined,
    });
  }
  return undefined;
}

/**
 * A history folded so far: per-day tracks plus what later events need (each event's Map iteration and state,
 * reached through previousEventId). Folding events as they come equals folding the whole history at once
 * (Step Functions numbers events in order and never changes one), so a poll reads only the events after
 * `lastEventId` (src/aws/batches.ts). Small: a few numbers per event, no event data.
 */
export interface BatchFold {
  readonly dates: readonly string[];
  /** The highest event id folded; 0 before any. */
  lastEventId: number;
  readonly tracks: Track[];
  readonly iterationOf: Map<number, number>;
  readonly stateOf: Map<number, string>;
  executionReason?: string;
}

export function newBatchFold(dates: readonly string[]): BatchFold {
  return {
    dates: [...dates],
    lastEventId: 0,
    tracks: dates.map(() => ({ state: 'queued', tries: 0 })),
    iterationOf: new Map(),
    stateOf: new Map(),
  };
}

/** Folds the events not folded yet (id > lastEventId), in id order, whatever order they are given in. */
export function foldHistory(fold: BatchFold, events: readonly HistoryEventLike[]): void {
  const fresh = events.filter((e) => e.id > fold.lastEventId).sort((a, b) => a.id - b.id);
  for (const e of fresh) {
    if (e.id <= fold.lastEventId) continue; // the same event twice in one call
    foldEvent(fold, e);
    fold.lastEventId = e.id;
  }
}

function foldEvent(fold: BatchFold, e: HistoryEventLike): void {
  const { tracks, iterationOf, stateOf } = fold;
  // The iteration: its own index on MapIteration* events, else that of the event it follows.
  const own =
    e.mapIterationStartedEventDetails?.index ??
    e.mapIterationSucceededEventDetails?.index ??
    e.mapIterationFailedEventDetails?.index ??
    e.mapIterationAbortedEventDetails?.index;
  const i = own ?? (e.previousEventId !== undefined ? iterationOf.get(e.previousEventId) : undefined);
  if (i !== undefined) iterationOf.set(e.id, i);
  const entered = e.stateEnteredEventDetails?.name;
  const previousState = e.previousEventId !== undefined ? stateOf.get(e.previousEventId) : undefined;
  const stateName = entered ?? previousState;
  if (stateName !== undefined) stateOf.set(e.id, stateName);
  switch (e.type ?? '') {
    case 'ExecutionFailed':
      fold.executionReason = describeError(e.executionFailedEventDetails);
      return;
    case 'ExecutionTimedOut':
      fold.executionReason = describeError(e.executionTimedOutEventDetails) ?? 'States.Timeout';
      return;
    case 'ExecutionAborted':
      fold.executionReason = describeError(e.executionAbortedEventDetails);
      return;
    default:
      break;
  }
  if (i === undefined || i < 0 || i >= tracks.length) return;
  const day = tracks[i];
  const isLaunch = stateName?.startsWith(LAUNCH_STATE_PREFIX) === true;
  switch (e.type ?? '') {
    case 'MapIterationStarted':
      day.state = 'launching';
      day.tries = 1;
      day.startedAt = e.timestamp;
      break;
    case 'TaskScheduled':
      if (isLaunch) day.state = day.tries > 1 ? 'retrying' : 'launching';
      break;
    case 'TaskSubmitted':
      if (isLaunch) {
        day.state = 'running';
        day.instanceId = instanceIdOf(e.taskSubmittedEventDetails?.output) ?? day.instanceId;
      }
      break;
    case 'TaskFailed':
      if (isLaunch) {
        day.reason = describeError(e.taskFailedEventDetails);
        if (e.taskFailedEventDetails?.error === WORKFLOW_ERRORS.interrupted) day.state = 'interrupted';
      }
      break;
    case 'TaskTimedOut':
      if (isLaunch) day.reason = describeError(e.taskTimedOutEventDetails);
      break;
    case 'MapIterationAborted':
      if (!isFinalDay(day.state)) day.state = 'stopped';
      day.endedAt = e.timestamp;
      break;
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      day.endedAt = e.timestamp;
      break;
    default:
      break;
  }
  if (entered === undefined) return;
  switch (entered) {
    case 'Next try':
      day.tries += 1;
      break;
    case 'Back off':
      day.state = 'retrying';
      break;
    case 'Succeeded':
      day.state = 'succeeded';
      day.reason = undefined;
      break;
    case 'Failed':
      day.state = 'failed';
      day.reason = errorOfInput(e.stateEnteredEventDetails?.input) ?? day.reason;
      break;
    case 'Timed out':
      day.state = 'failed';
      day.reason = day.reason ?? 'States.Timeout';
      break;
    default:
      break;
  }
}

/** The days as the fold has them, for an execution in `status` (the fold itself is left unchanged). */
export function foldProgress(fold: BatchFold, status: ExecutionStatus | 'UNKNOWN' = 'RUNNING'): DayProgress[] {
  // A day the execution left behind is over too: stopped by StopExecution, failed with the execution otherwise.
  const leftBehind = isFinalExecution(status) && status !== 'SUCCEEDED' && status !== 'UNKNOWN';
  return fold.dates.map((date, i) => {
    const d = { ...fold.tracks[i] };
    if (leftBehind && !isFinalDay(d.state)) {
      d.state = status === 'ABORTED' ? 'stopped' : 'failed';
      d.reason ??= fold.executionReason;
    }
    return {
      date,
      state: d.state,
      attempts: d.tries,
      ...(d.instanceId ? { instanceId: d.instanceId } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.startedAt ? { startedAt: d.startedAt } : {}),
      ...(d.endedAt ? { endedAt: d.endedAt } : {}),
    };
  });
}

/** Per-day progress of a batch from its dates (the execution input's `dates`) and its whole history. */
export function batchProgress(
  dates: readonly string[],
  events: readonly HistoryEventLike[],
  status: ExecutionStatus | 'UNKNOWN' = 'RUNNING',
): DayProgress[] {
  const fold = newBatchFold(dates);
  foldHistory(fold, events);
  return foldProgress(fold, status);
}

export function summarizeBatch(days: readonly DayProgress[], status: ExecutionStatus | 'UNKNOWN'): BatchSummary {
  const counts = Object.fromEntries(DAY_STATES.map((s) => [s, 0])) as Record<DayState, number>;
  for (const d of days) counts[d.state] += 1;
  const done = isFinalExecution(status);
  return {
    status,
    total: days.length,
    counts,
    finished: counts.succeeded + counts.failed + counts.stopped,
    active: counts.launching + counts.running,
    ok: done && status === 'SUCCEEDED' && counts.succeeded === days.length,
    done,
  };
}

/** The dates of an execution input (WorkflowInput.dates), or [] when the input is not ours. */
export function datesOfInput(input: string | undefined): string[] {
  const value = parseJson(input) as { dates?: unknown } | undefined;
  const dates = value?.dates;
  return Array.isArray(dates) ? dates.filter((d): d is string => typeof d === 'string') : [];
}

// Execution names: at most 80 characters, none of whitespace, brackets, wildcards, `"#%\^|~`$&,;:/` or control
// characters, unique per state machine for 90 days (StartExecution API reference, `name`); CloudWatch logging
// wants only 0-9 A-Z a-z - _, which is all we use.
export const EXECUTION_NAME_MAX = 80;

/** `2020-06-29_2020-07-01_3d_20261201T112233Z_a1b2`: what the batch covers, when it started, and a nonce. */
export function executionName(dates: readonly string[], now: Date, nonce: string): string {
  const sorted = [...dates].sort();
  const first = sorted[0] ?? 'none';
  const last = sorted[sorted.length - 1] ?? first;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const range = first === last ? first : `${first}_${last}`;
  const safeNonce = nonce.replace(/[^0-9A-Za-z]/g, '').slice(0, 8);
  const name = `${range}_${sorted.length}d_${stamp}_${safeNonce}`;
  return name.slice(0, EXECUTION_NAME_MAX);
}

/** The execution's name: the last part of its ARN (arn:aws:states:region:account:execution:machine:name). */
export function executionNameOf(executionArn: string): string {
  return executionArn.slice(executionArn.lastIndexOf(':') + 1);
}
