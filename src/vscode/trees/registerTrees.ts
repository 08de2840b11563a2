// The one place the tree views are created, with their refresh policy: Runs polls every few seconds while a
// machine is pending or running and slowly otherwise (and, hidden, only slowly so the status bar stays
// current); Logs and Data poll slowly while visible; a `.env` change or a tail starting refreshes them.
import * as vscode from 'vscode';
import type { ConnectionState } from '../connectionState';
import type { TailManager } from '../logs/tailManager';
import type { RunsModel } from '../runsModel';
import type { BatchesModel } from '../batchesModel';
import { BatchNode, createBatchesTree } from './batchesTree';
import type { WorkspaceConfig } from '../workspaceConfig';
import { DataTreeSource } from './dataTree';
import { LogsTreeSource } from './logsTree';
import { RefreshManager, type RefreshSource } from './refreshManager';
import { createRunsTree, RunNode, runsProblem } from './runsTree';
import type { TreeNode } from './treeNode';

const POLL = {
  runsBusyMs: 4_000,
  runsIdleMs: 30_000,
  runsHiddenBusyMs: 15_000,
  runsHiddenIdleMs: 120_000,
  logsMs: 20_000,
  dataMs: 120_000,
  batchesBusyMs: 5_000,
  batchesIdleMs: 60_000,
  /** Hidden, running batches are still polled: the calendar shows their days queued or running. */
  batchesHiddenBusyMs: 15_000,
};

export interface Trees {
  readonly runsView: vscode.TreeView<TreeNode>;
  readonly dataView: vscode.TreeView<TreeNode>;
  readonly logsView: vscode.TreeView<TreeNode>;
  readonly batchesView: vscode.TreeView<TreeNode>;
  readonly batchesProvider: vscode.TreeDataProvider<TreeNode>;
  readonly data: DataTreeSource;
  readonly logs: LogsTreeSource;
  /** Re-lists everything (debounced). */
  refreshAll(): void;
  /** Re-lists the runs now and resolves when the view and status bar show the new state. */
  refreshRuns(): Promise<void>;
  refreshLogs(): Promise<void>;
  /** Re-lists the batches now and resolves when the view (and the calendar) have the new state. */
  refreshBatches(): Promise<void>;
  /** Shows and selects a run's row (e.g. the machine just launched), without taking the focus. */
  revealRun(instanceId: string): Promise<void>;
  /** Shows the Batches view with a batch's row selected (e.g. the batch just started). */
  revealBatch(executionArn: string): Promise<void>;
}

export function registerTrees(
  context: vscode.ExtensionContext,
  config: WorkspaceConfig,
  connection: ConnectionState,
  runs: RunsModel,
  tails: TailManager,
  batches: BatchesModel,
): Trees {
  const runsProvider = createRunsTree(runs, tails, config);
  const data = new DataTreeSource(config, () => connection.state === 'failed');
  const logs = new LogsTreeSource(config, runs, tails);
  const runsView = vscode.window.createTreeView('adatrap.runs', { treeDataProvider: runsProvider });
  const dataView = vscode.window.createTreeView('adatrap.data', { treeDataProvider: data.provider });
  const logsView = vscode.window.createTreeView('adatrap.logs', { treeDataProvider: logs.provider });
  const batchesProvider = createBatchesTree(batches);
  const batchesView = vscode.window.createTreeView('adatrap.batches', { treeDataProvider: batchesProvider });

  const runsSource: RefreshSource = {
    view: runsView,
    refresh: () => runs.refresh(),
    pollIntervalMs: () => (runs.busy ? POLL.runsBusyMs : POLL.runsIdleMs),
    hiddenPollIntervalMs: () =>
      config.state.kind !== 'ready' ? undefined : runs.busy ? POLL.runsHiddenBusyMs : POLL.runsHiddenIdleMs,
  };
  const logsSource: RefreshSource = {
    view: logsView,
    refresh: async () => {
      logs.reset();
      logs.provider.refresh();
    },
    pollIntervalMs: () => POLL.logsMs,
  };
  const dataSource: RefreshSource = {
    view: dataView,
    refresh: async () => {
      data.reset();
      data.provider.refresh();
    },
    pollIntervalMs: () => POLL.dataMs,
  };
  const batchesSource: RefreshSource = {
    view: batchesView,
    refresh: () => batches.refresh(),
    pollIntervalMs: () => (batches.busy ? POLL.batchesBusyMs : POLL.batchesIdleMs),
    hiddenPollIntervalMs: () => (config.state.kind === 'ready' && batches.busy ? POLL.batchesHiddenBusyMs : undefined),
  };
  const manager = new RefreshManager([runsSource, logsSource, dataSource, batchesSource]);
  const showBatches = (): void => {
    batchesView.message = batches.error;
    batchesProvider.refresh();
  };
  const showProblem = (): void => {
    runsView.message = runsProblem(config, runs)?.message;
    runsProvider.refresh();
  };

  context.subscriptions.push(
    runsView,
    dataView,
    logsView,
    batchesView,
    batchesProvider,
    batches.onDidChange(showBatches),
    runsProvider,
    data.provider,
    logs.provider,
    manager,
    runs.onDidChange(showProblem),
    connection.onDidChange(() => {
      // Data and Logs show the credentials welcome while the connection fails, and their content again after.
      manager.request(dataSource);
      manager.request(logsSource);
    }),
    config.onDidChange(() => {
      showProblem();
      manager.refreshAll();
    }),
    tails.onDidChange(() => {
      runsProvider.refresh();
      logs.provider.refresh();
    }),
  );
  manager.start();

  return {
    runsView,
    dataView,
    logsView,
    batchesView,
    batchesProvider,
    data,
    logs,
    refreshAll: () => manager.refreshAll(),
    refreshRuns: () => manager.refreshNow(runsSource),
    refreshLogs: () => manager.refreshNow(logsSource),
    refreshBatches: () => manager.refreshNow(batchesSource),
    revealRun: async (instanceId) => {
      const run = runs.find(instanceId);
      // The view finds the row by its id (run:<instance id>) among the roots it lists again.
      if (run) await runsView.reveal(new RunNode(run, tails.isTailing(instanceId), Date.now()), { focus: false });
    },
    revealBatch: async (executionArn) => {
      const batch = batches.find(executionArn);
      // Found by its id (batch:<execution ARN>) among the roots, like a run's row.
      if (batch) await batchesView.reveal(new BatchNode(batch, batches), { focus: true, select: true });
    },
  };
}
