// The Batches view: one row per execution of the batch workflow, newest first, and under it one row per day
// with its state, tries and machine (clicking the machine shows its run in the Runs view).
import * as vscode from 'vscode';
import type { BatchDetail } from '../../aws/batches';
import type { DayProgress, DayState } from '../../core/batchProgress';
import { datesOfExecutionName } from '../../core/batchView';
import { escapeControl } from '../../core/logFormat';
import type { BatchesModel, BatchView } from '../batchesModel';
import { formatTime } from '../format';
import { COMMANDS } from '../commands/commandIds';
import { batchContextValue, batchDayContextValue } from './contextValues';
import { MessageNode, NodeTreeProvider, TreeNode } from './treeNode';

export function batchStatusLabel(status: string): string {
  switch (status) {
    case 'RUNNING':
      return vscode.l10n.t('running');
    case 'SUCCEEDED':
      return vscode.l10n.t('succeeded');
    case 'FAILED':
      return vscode.l10n.t('failed');
    case 'TIMED_OUT':
      return vscode.l10n.t('timed out');
    case 'ABORTED':
      return vscode.l10n.t('stopped');
    case 'PENDING_REDRIVE':
      return vscode.l10n.t('pending redrive');
    default:
      return vscode.l10n.t('unknown');
  }
}

export function dayStateLabel(state: DayState): string {
  switch (state) {
    case 'queued':
      return vscode.l10n.t('queued');
    case 'launching':
      return vscode.l10n.t('launching');
    case 'running':
      return vscode.l10n.t('running');
    case 'retrying':
      return vscode.l10n.t('waiting to retry');
    case 'interrupted':
      return vscode.l10n.t('interrupted');
    case 'succeeded':
      return vscode.l10n.t('succeeded');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'stopped':
      return vscode.l10n.t('stopped');
  }
}

/** "2020-06-29 … 2020-07-01 (3 days)", from the detail when read, else from the execution name. */
export function batchLabel(batch: BatchView): string {
  const dates = batch.detail?.dates;
  const named = datesOfExecutionName(batch.name);
  const from = dates?.[0] ?? named?.from;
  const to = dates?.[dates.length - 1] ?? named?.to;
  const days = dates?.length ?? named?.days;
  if (!from || !to || days === undefined) return batch.name;
  return days === 1 ? from : vscode.l10n.t('{0} … {1} ({2} days)', from, to, days);
}

/** "2 succeeded, 1 running, 3 queued": the days by state, in the order of the day's life. */
export function summaryText(detail: BatchDetail): string {
  const order: DayState[] = [
    'running',
    'launching',
    'retrying',
    'interrupted',
    'queued',
    'succeeded',
    'failed',
    'stopped',
  ];
  return order
    .filter((state) => detail.summary.counts[state] > 0)
    .map((state) => `${detail.summary.counts[state]} ${dayStateLabel(state)}`)
    .join(', ');
}

function batchIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'RUNNING':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'SUCCEEDED':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
    case 'FAILED':
    case 'TIMED_OUT':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'ABORTED':
      return new vscode.ThemeIcon('debug-stop');
    default:
      return new vscode.ThemeIcon('circle-outline');
  }
}

function dayIcon(state: DayState): vscode.ThemeIcon {
  switch (state) {
    case 'queued':
      return new vscode.ThemeIcon('clock');
    case 'launching':
      return new vscode.ThemeIcon('loading~spin');
    case 'running':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'retrying':
    case 'interrupted':
      return new vscode.ThemeIcon('debug-restart', new vscode.ThemeColor('list.warningForeground'));
    case 'succeeded':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'stopped':
      return new vscode.ThemeIcon('debug-stop');
  }
}

export class BatchNode extends TreeNode {
  constructor(
    readonly batch: BatchView,
    private readonly model: BatchesModel,
  ) {
    super();
  }

  get executionArn(): string {
    return this.batch.executionArn;
  }

  /** `batch.<status>`, matched by the `when` clauses of package.json menus. */
  get contextValue(): string {
    return batchContextValue(this.batch.status);
  }

  getTreeItem(): vscode.TreeItem {
    const batch = this.batch;
    const item = new vscode.TreeItem(
      batchLabel(batch),
      batch.status === 'RUNNING' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `batch:${batch.executionArn}`;
    const parts = [batchStatusLabel(batch.status)];
    if (batch.detail) parts.push(summaryText(batch.detail));
    if (batch.startDate) parts.push(formatTime(batch.startDate));
    item.description = parts.filter(Boolean).join(' · ');
    item.iconPath = batchIcon(batch.status);
    item.contextValue = this.contextValue;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${vscode.l10n.t('Batch')}:** \`${batch.name}\`  \n`);
    md.appendMarkdown(`**${vscode.l10n.t('Status')}:** ${batchStatusLabel(batch.status)}  \n`);
    if (batch.startDate) md.appendMarkdown(`**${vscode.l10n.t('Started')}:** ${formatTime(batch.startDate)}  \n`);
    if (batch.stopDate) md.appendMarkdown(`**${vscode.l10n.t('Ended')}:** ${formatTime(batch.stopDate)}  \n`);
    if (batch.detail?.error)
      md.appendText(escapeControl(`${batch.detail.error}${batch.detail.cause ? `: ${batch.detail.cause}` : ''}`));
    item.tooltip = md;
    item.accessibilityInformation = { label: `${item.label as string} ${item.description}` };
    return item;
  }

  protected override async children(): Promise<TreeNode[]> {
    try {
      const detail = this.batch.detail ?? (await this.model.detail(this.batch.executionArn));
      return detail.days.map((day) => new BatchDayNode(day, this.batch.executionArn));
    } catch (e) {
      return [new MessageNode(e instanceof Error ? e.message : String(e), 'error')];
    }
  }
}

export class BatchDayNode extends TreeNode {
  constructor(
    readonly day: DayProgress,
    readonly executionArn: string,
  ) {
    super();
  }

  get contextValue(): string {
    return batchDayContextValue(this.day.state, this.day.instanceId !== undefined);
  }

  getTreeItem(): vscode.TreeItem {
    const day = this.day;
    const item = new vscode.TreeItem(day.date, vscode.TreeItemCollapsibleState.None);
    item.id = `batchDay:${this.executionArn}:${day.date}`;
    const parts = [dayStateLabel(day.state)];
    if (day.attempts > 1) parts.push(vscode.l10n.t('try {0}', day.attempts));
    if (day.instanceId) parts.push(day.instanceId);
    if (day.reason && (day.state === 'failed' || day.state === 'retrying' || day.state === 'interrupted'))
      parts.push(escapeControl(day.reason));
    item.description = parts.join(' · ');
    item.iconPath = dayIcon(day.state);
    item.contextValue = this.contextValue;
    item.tooltip = [
      `${day.date}: ${dayStateLabel(day.state)}`,
      vscode.l10n.t('Tries: {0}', day.attempts),
      day.instanceId ? vscode.l10n.t('Machine: {0}', day.instanceId) : '',
      escapeControl(day.reason ?? ''),
    ]
      .filter(Boolean)
      .join('\n');
    if (day.instanceId)
      item.command = { command: COMMANDS.revealRun, title: vscode.l10n.t('Show Run'), arguments: [day.instanceId] };
    return item;
  }
}

export function createBatchesTree(model: BatchesModel): NodeTreeProvider {
  return new NodeTreeProvider(() => Promise.resolve(model.batches.map((batch) => new BatchNode(batch, model))));
}
