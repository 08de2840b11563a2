// Batches = Step Functions executions of the stack's workflow (one execution per launch, one Map iteration per
// day). Thin over @aws-sdk/client-sfn (loaded lazily through sfnSdk()) plus EC2 for stop's cleanup; per-day
// progress is the core's batchProgress (src/core/batchProgress.ts).
//
// API facts this follows (Step Functions API reference):
// - StartExecution: name ≤ 80 characters, unique per state machine for 90 days; same name + same input while
//   running answers the same execution (idempotent), otherwise ExecutionAlreadyExists; input ≤ 256 KiB.
// - ListExecutions: paged (maxResults ≤ 1000, nextToken), most recent first, one state machine.
// - GetExecutionHistory: paged the same way, oldest first unless reverseOrder; nextToken lives 24 h and comes only
//   while more results remain ("If nextToken is returned, there are more results available ... Each pagination
//   token expires after 24 hours", GetExecutionHistory), so no token leads to events recorded after the last
//   page. A poll therefore reads newest first (reverseOrder) down to the last event id it folded: event ids are
//   sequential and events never change (HistoryEvent), so folding only the new ones equals folding them all.
// - StopExecution only stops the execution: a machine its runInstances already started keeps running (and
//   billing), so stop() also terminates every live instance tagged adatrap:execution = the execution's name.
import { randomBytes } from 'node:crypto';
import type { HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { sfnSdk } from './sdk';
import { ec2Sdk } from './ec2Sdk';
import { LIVE_STATES, toRunInfo, type RunInfo } from './runs';
import { awsErrorName, commonAwsProblem } from './awsErrors';
import { CloudFormationStacks } from './stacks';
import type { AwsClients } from './clients';
import { UserError, errorMessage } from '../core/errors';
import { t } from '../core/i18n';
import {
  datesOfInput,
  foldHistory,
  foldProgress,
  isFinalExecution,
  newBatchFold,
  type BatchFold,
  executionName,
  executionNameOf,
  summarizeBatch,
  type BatchSummary,
  type DayProgress,
  type ExecutionStatus,
  type HistoryEventLike,
} from '../core/batchProgress';
import { EXECUTION_TAG, type WorkflowInput } from '../core/workflowInput';

export interface BatchInfo {
  executionArn: string;
  name: string;
  status: ExecutionStatus | 'UNKNOWN';
  startDate?: Date;
  stopDate?: Date;
}

export interface BatchDetail extends BatchInfo {
  dates: string[];
  days: DayProgress[];
  summary: BatchSummary;
  error?: string;
  cause?: string;
}

interface StartOptions {
  /** The execution name; default derived from the dates, the time and a nonce (executionName). */
  name?: string;
  now?: Date;
}

export interface ListOptions {
  /** Stop after this many (newest first). Default: every execution. */
  limit?: number;
  status?: ExecutionStatus;
}

export interface StopResult {
  /** False when the execution had already ended (its machines are still cleaned up). */
  stopped: boolean;
  terminated: string[];
}

export interface Batches {
  start(input: WorkflowInput, options?: StartOptions): Promise<{ executionArn: string; name: string }>;
  list(options?: ListOptions): Promise<BatchInfo[]>;
  describe(executionArn: string): Promise<BatchDetail>;
  stop(executionArn: string): Promise<StopResult>;
  /** The batch's machines still alive (pending, running, stopping, stopped). */
  liveMachines(executionArn: string): Promise<RunInfo[]>;
}

/** Where the state machine comes from: STATE_MACHINE_ARN, else the stack's StateMachineArn output. */
interface StateMachineSource {
  stateMachineArn?: string;
  stackName: string;
}

/** The state machine's ARN, or one UserError pointing to `adatrap-miner setup`. */
export async function resolveStateMachine(
  source: StateMachineSource,
  stacks: Pick<CloudFormationStacks, 'describe'>,
): Promise<string> {
  if (source.stateMachineArn) return source.stateMachineArn;
  let arn: string | undefined;
  try {
    arn = (await stacks.describe(source.stackName))?.outputs.StateMachineArn;
  } catch (e) {
    throw (
      commonAwsProblem(e) ??
      new UserError(t('batches.stackUnreadable', { stack: source.stackName, detail: errorMessage(e) }))
    );
  }
  if (!arn) throw new UserError(t('batches.noStateMachine', { stack: source.stackName }));
  return arn;
}

const PAGE = 1000;
/**
 * Page size of a poll's newest-first read: a batch records a few events per machine state change, so one page
 * holds what happened since the last poll and the answer stays small.
 */
const POLL_PAGE = 100;

function batchError(e: unknown, executionArn: string): Error {
  const name = awsErrorName(e);
  if (name === 'ExecutionDoesNotExist' || name === 'InvalidArn')
    return new UserError(t('batches.notFound', { arn: executionArn }));
  return commonAwsProblem(e) ?? (e instanceof Error ? e : new Error(String(e)));
}

export class SfnBatches implements Batches {
  private machineArn: Promise<string> | undefined;
  /** Each running execution's history folded so far (dropped when it ends: a final history is read once). */
  private readonly folds = new Map<string, BatchFold>();

  constructor(
    private readonly sfn: SFNClient,
    private readonly ec2: EC2Client,
    private readonly stateMachine: () => Promise<string>,
  ) {}

  private machine(): Promise<string> {
    // A failed resolution is not kept: after `setup` deploys the stack, the same adapter finds it.
    this.machineArn ??= this.stateMachine().catch((e: unknown) => {
      this.machineArn = undefined;
      throw e;
    });
    return this.machineArn;
  }

  async start(input: WorkflowInput, options: StartOptions = {}): Promise<{ executionArn: string; name: string }> {
    const stateMachineArn = await this.machine();
    const name = options.name ?? executionName(input.dates, options.now ?? new Date(), randomBytes(3).toString('hex'));
    try {
      const out = await this.sfn.send(
        new (sfnSdk().StartExecutionCommand)({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: out.executionArn ?? '', name };
    } catch (e) {
      const code = awsErrorName(e);
      if (code === 'StateMachineDoesNotExist') throw new UserError(t('batches.machineGone', { arn: stateMachineArn }));
      if (code === 'ExecutionAlreadyExists') throw new UserError(t('batches.nameTaken', { name }));
      if (code === 'ExecutionLimitExceeded') throw new UserError(t('batches.tooManyRunning'));
      throw commonAwsProblem(e) ?? e;
    }
  }

  async list(options: ListOptions = {}): Promise<BatchInfo[]> {
    const stateMachineArn = await this.machine();
    const found: BatchInfo[] = [];
    let nextToken: string | undefined;
    do {
      const want = options.limit !== undefined ? Math.min(PAGE, options.limit - found.length) : PAGE;
      const out = await this.sfn
        .send(
          new (sfnSdk().ListExecutionsCommand)({
            stateMachineArn,
            maxResults: want,
            nextToken,
            ...(options.status ? { statusFilter: options.status } : {}),
          }),
        )
        .catch((e: unknown) => {
          if (awsErrorName(e) === 'StateMachineDoesNotExist')
            throw new UserError(t('batches.machineGone', { arn: stateMachineArn }));
          throw commonAwsProblem(e) ?? e;
        });
      for (const e of out.executions ?? [])
        found.push({
          executionArn: e.executionArn ?? '',
          name: e.name ?? '',
          status: (e.status ?? 'UNKNOWN') as BatchInfo['status'],
          ...(e.startDate ? { startDate: e.startDate } : {}),
          ...(e.stopDate ? { stopDate: e.stopDate } : {}),
        });
      nextToken = out.nextToken;
    } while (nextToken && (options.limit === undefined || found.length < options.limit));
    // ListExecutions already answers newest first; sorting keeps that true whatever the pages did.
    return found.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
  }

  async describe(executionArn: string): Promise<BatchDetail> {
    const sdk = sfnSdk();
    let out;
    try {
      out = await this.sfn.send(new sdk.DescribeExecutionCommand({ executionArn }));
    } catch (e) {
      throw batchError(e, executionArn);
    }
    const status = (out.status ?? 'UNKNOWN') as BatchInfo['status'];
    const dates = datesOfInput(out.input);
    const fold = this.folds.get(executionArn) ?? newBatchFold(dates);
    foldHistory(fold, await this.eventsAfter(executionArn, fold.lastEventId));
    if (isFinalExecution(status)) this.folds.delete(executionArn);
    else this.folds.set(executionArn, fold);
    const days = foldProgress(fold, status);
    return {
      executionArn,
      name: out.name ?? executionNameOf(executionArn),
      status,
      ...(out.startDate ? { startDate: out.startDate } : {}),
      ...(out.stopDate ? { stopDate: out.stopDate } : {}),
      dates,
      days,
      summary: summarizeBatch(days, status),
      ...(out.error ? { error: out.error } : {}),
      ...(out.cause ? { cause: out.cause } : {}),
    };
  }

  /**
   * The events after `lastId`: the whole history, oldest first, the first time (lastId 0); then newest first,
   * page after page only while every event of the page is new.
   */
  private async eventsAfter(executionArn: string, lastId: number): Promise<HistoryEventLike[]> {
    const sdk = sfnSdk();
    const reverseOrder = lastId > 0;
    const events: HistoryEventLike[] = [];
    let nextToken: string | undefined;
    do {
      let out;
      try {
        out = await this.sfn.send(
          new sdk.GetExecutionHistoryCommand({
            executionArn,
            maxResults: reverseOrder ? POLL_PAGE : PAGE,
            nextToken,
            includeExecutionData: true,
            ...(reverseOrder ? { reverseOrder } : {}),
          }),
        );
      } catch (e) {
        throw batchError(e, executionArn);
      }
      const page = (out.events ?? []).map(toEventLike);
      const fresh = page.filter((e) => e.id > lastId);
      events.push(...fresh);
      nextToken = fresh.length < page.length ? undefined : out.nextToken;
    } while (nextToken);
    return events;
  }

  async liveMachines(executionArn: string): Promise<RunInfo[]> {
    const name = executionNameOf(executionArn);
    const runs: RunInfo[] = [];
    let token: string | undefined;
    do {
      const page = await this.ec2.send(
        new (ec2Sdk().DescribeInstancesCommand)({
          Filters: [
            { Name: `tag:${EXECUTION_TAG}`, Values: [name] },
            { Name: 'instance-state-name', Values: [...LIVE_STATES] },
          ],
          NextToken: token,
        }),
      );
      for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) runs.push(toRunInfo(i));
      token = page.NextToken;
    } while (token);
    return runs;
  }

  async stop(executionArn: string): Promise<StopResult> {
    let stopped = true;
    try {
      const current = await this.sfn.send(new (sfnSdk().DescribeExecutionCommand)({ executionArn }));
      if (current.status === 'RUNNING')
        await this.sfn.send(
          new (sfnSdk().StopExecutionCommand)({
            executionArn,
            error: 'Adatrap.Stopped',
            cause: 'Stopped with adatrap-miner stop-batch',
          }),
        );
      else stopped = false;
    } catch (e) {
      throw batchError(e, executionArn);
    }
    // Stopped first, so no new machine is launched while we clean up.
    const live = await this.liveMachines(executionArn);
    const ids = live.map((r) => r.instanceId).filter(Boolean);
    // TerminateInstances takes up to 1000 ids per call; a batch has at most 40 machines alive at once.
    if (ids.length > 0) await this.ec2.send(new (ec2Sdk().TerminateInstancesCommand)({ InstanceIds: ids }));
    return { stopped, terminated: ids };
  }
}

/** The SDK's HistoryEvent, with the fields the core reads (the SDK types are wider: optional everything). */
function toEventLike(e: HistoryEvent): HistoryEventLike {
  return { ...e, id: e.id ?? 0 } as HistoryEventLike;
}

/** The batches of the configured state machine (resolved on first use: STATE_MACHINE_ARN, else the stack). */
export function createBatches(
  clients: Pick<AwsClients, 'sfn' | 'ec2' | 'cloudFormation'>,
  source: StateMachineSource,
): SfnBatches {
  return new SfnBatches(clients.sfn, clients.ec2, () =>
    resolveStateMachine(source, new CloudFormationStacks(clients.cloudFormation)),
  );
}
