// Every `contextValue` a tree node can have, in one place. package.json menus match them with `viewItem`
// when-clauses; test/unit/vscode/contributions.test.ts fails when a clause matches none of `allContextValues()`.
// No `vscode` import: unit tests read it.
import type { InstanceState } from '../../aws/runs';
import { DAY_STATES, type DayState } from '../../core/batchProgress';
import { BUCKET_ROLE_IDS, type BucketRoleId } from '../../core/bucketRoles';

const RUN_STATES: readonly InstanceState[] = [
  'pending',
  'running',
  'shutting-down',
  'terminated',
  'stopping',
  'stopped',
  'unknown',
];

export type StreamKind = 'general' | 'run' | 'other';
const STREAM_KINDS: readonly StreamKind[] = ['general', 'run', 'other'];

/** The context values that carry no state. */
export const CONTEXT = {
  inputDate: 'inputDate',
  outputDate: 'outputDate',
  object: 'object',
  loadMore: 'loadMore',
  message: 'message',
} as const;

function joined(parts: readonly (string | false)[]): string {
  return parts.filter(Boolean).join('.');
}

/** `run.<state>[.overdue][.failed][.tailing]`; `failed` when the agent reported a failure (its status tag). */
export function runContextValue(state: InstanceState, overdue: boolean, tailing: boolean, failed = false): string {
  return joined(['run', state, overdue && 'overdue', failed && 'failed', tailing && 'tailing']);
}

/** `logStream.<general|run|other>[.tailing]`. */
export function logStreamContextValue(kind: StreamKind, tailing: boolean): string {
  return joined(['logStream', kind, tailing && 'tailing']);
}

/** `bucket.<role>`. */
export function bucketContextValue(role: BucketRoleId): string {
  return `bucket.${role}`;
}

/** A batch's execution status as a context value word (ListExecutions/DescribeExecution statuses). */
const BATCH_STATUSES = ['running', 'succeeded', 'failed', 'timedOut', 'aborted', 'pendingRedrive', 'unknown'] as const;
type BatchStatusWord = (typeof BATCH_STATUSES)[number];

function batchStatusWord(status: string): BatchStatusWord {
  switch (status) {
    case 'RUNNING':
      return 'running';
    case 'SUCCEEDED':
      return 'succeeded';
    case 'FAILED':
      return 'failed';
    case 'TIMED_OUT':
      return 'timedOut';
    case 'ABORTED':
      return 'aborted';
    case 'PENDING_REDRIVE':
      return 'pendingRedrive';
    default:
      return 'unknown';
  }
}

/** `batch.<status>`: Stop Batch only on `batch.running`. */
export function batchContextValue(status: string): string {
  return `batch.${batchStatusWord(status)}`;
}

/** `batchDay.<state>[.machine]`; `machine` when a machine was launched for the day (its run can be shown). */
export function batchDayContextValue(state: DayState, hasMachine: boolean): string {
  return joined(['batchDay', state, hasMachine && 'machine']);
}

/** Every value the builders above can produce. */
export function allContextValues(): string[] {
  const flags = [false, true];
  return [
    ...RUN_STATES.flatMap((state) =>
      flags.flatMap((overdue) =>
        flags.flatMap((failed) => flags.map((tailing) => runContextValue(state, overdue, tailing, failed))),
      ),
    ),
    ...STREAM_KINDS.flatMap((kind) => flags.map((tailing) => logStreamContextValue(kind, tailing))),
    ...BUCKET_ROLE_IDS.map(bucketContextValue),
    ...BATCH_STATUSES.map((word) => `batch.${word}`),
    ...DAY_STATES.flatMap((state) => flags.map((machine) => batchDayContextValue(state, machine))),
    ...Object.values(CONTEXT),
  ];
}
