// The batches (Step Functions executions of the stack's workflow) as last listed, with the per-day progress of
// the running ones. The Batches view and the calendar both render from here; the state lives in AWS, so a
// window reload shows the same batches. A finished execution's history never changes: it is read once.
import * as vscode from 'vscode';
import { createBatches, type BatchDetail, type BatchInfo, type Batches } from '../aws/batches';
import { isFinalExecution } from '../core/batchProgress';
import { batchDays, type BatchDay } from '../core/batchView';
import { t } from '../core/i18n';
import { describeFailure } from './notify';
import type { AwsSession } from './awsSession';
import type { WorkspaceConfig } from './workspaceConfig';

export interface BatchView extends BatchInfo {
  /** Read for running batches at every refresh, and for finished ones once (when first shown). */
  readonly detail?: BatchDetail;
}

/** How many executions the view lists (newest first); older ones are in `adatrap-miner list-batches`. */
const BATCHES_SHOWN = 50;

/** The adapter for a session, made once per session (it caches the resolved state machine). */
const adapters = new WeakMap<AwsSession, Batches>();
export function batchesOf(session: AwsSession): Batches {
  let batches = adapters.get(session);
  if (!batches) {
    batches = createBatches(session.clients, session.config);
    adapters.set(session, batches);
  }
  return batches;
}

export class BatchesModel implements vscode.Disposable {
  private list: BatchView[] = [];
  private problem: string | undefined;
  private stackMissing = false;
  private readonly finished = new Map<string, BatchDetail>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly config: WorkspaceConfig) {}

  get batches(): readonly BatchView[] {
    return this.list;
  }

  get error(): string | undefined {
    return this.problem;
  }

  /** No workflow to list: neither STATE_MACHINE_ARN nor a deployed stack (the view offers Set Up AWS Account). */
  get noStack(): boolean {
    return this.stackMissing;
  }

  /** A batch is running: worth polling quickly. */
  get busy(): boolean {
    return this.list.some((b) => b.status === 'RUNNING');
  }

  /** The days of running batches not over yet, by date (what the calendar shows as queued or running). */
  get activeDays(): Map<string, BatchDay> {
    return batchDays(this.list.flatMap((b) => (b.detail ? [b.detail] : [])));
  }

  find(executionArn: string): BatchView | undefined {
    return this.list.find((b) => b.executionArn === executionArn);
  }

  async refresh(): Promise<void> {
    const state = this.config.state;
    if (state.kind !== 'ready') {
      this.set([], undefined);
      return;
    }
    try {
      const batches = batchesOf(this.config.aws());
      const listed = await batches.list({ limit: BATCHES_SHOWN });
      const views = await Promise.all(
        listed.map(async (info): Promise<BatchView> => {
          const known = this.finished.get(info.executionArn);
          if (known) return { ...info, detail: known };
          if (info.status !== 'RUNNING') return info;
          return { ...info, detail: await batches.describe(info.executionArn) };
        }),
      );
      this.set(views, undefined);
    } catch (e) {
      const noStack =
        e instanceof Error && e.message === t('batches.noStateMachine', { stack: state.config.stackName });
      this.set([], noStack ? undefined : describeFailure(e), noStack);
    }
  }

  /** A batch's per-day detail: fresh while it runs, read once after it ended. */
  async detail(executionArn: string): Promise<BatchDetail> {
    const known = this.finished.get(executionArn);
    if (known) return known;
    const detail = await batchesOf(this.config.aws()).describe(executionArn);
    if (isFinalExecution(detail.status)) this.finished.set(executionArn, detail);
    return detail;
  }

  private set(list: BatchView[], problem: string | undefined, noStack = false): void {
    this.list = list;
    this.problem = problem;
    this.stackMissing = noStack;
    void vscode.commands.executeCommand('setContext', 'adatrap.batchesState', noStack ? 'noStack' : 'listed');
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
