// The Runs view: one row per machine we launched, newest first, with its date, state, uptime and outcome.
import * as vscode from 'vscode';
import type { RunsModel, RunView } from '../runsModel';
import type { StreamActivity } from '../logs/streamActivity';
import { formatDuration, formatTime } from '../format';
import type { WorkspaceConfig } from '../workspaceConfig';
import { LoadMoreNode, MessageNode, NodeTreeProvider, TreeNode } from './treeNode';
import { COMMANDS } from '../commands/commandIds';
import { runContextValue } from './contextValues';
import { runCostDetail, runCostText } from '../../core/costEstimate';

export class RunNode extends TreeNode {
  constructor(
    readonly run: RunView,
    private readonly tailing: boolean,
    private readonly now: number,
  ) {
    super();
  }

  /** The run's log stream is named after its instance id. */
  get streamName(): string {
    return this.run.instanceId;
  }

  /** `run.<state>[.overdue][.failed][.tailing]`, matched by the `when` clauses of package.json menus. */
  get contextValue(): string {
    return runContextValue(this.run.state, this.run.overdue, this.tailing, this.run.status?.startsWith('failed'));
  }

  getTreeItem(): vscode.TreeItem {
    const run = this.run;
    const item = new vscode.TreeItem(run.date ?? run.instanceId, vscode.TreeItemCollapsibleState.None);
    item.id = `run:${run.instanceId}`;
    item.description = describeRun(run, this.now);
    item.iconPath = runIcon(run);
    item.contextValue = this.contextValue;
    item.tooltip = runTooltip(run, this.now);
    item.accessibilityInformation = { label: `${item.label as string} ${item.description}` };
    return item;
  }
}

function describeRun(run: RunView, now: number): string {
  const parts: string[] = [stateLabel(run.state)];
  if (run.live && run.launchTime) parts.push(formatDuration(now - run.launchTime.getTime()));
  // The agent's `running` status repeats the state; its outcome (succeeded, failed: …) is what matters.
  if (run.status && run.status !== 'running' && run.status !== run.state) parts.push(run.status);
  if (run.unknownTags?.includes('status')) parts.push(vscode.l10n.t('unknown outcome'));
  if (run.overdue) parts.push(vscode.l10n.t('past its deadline'));
  if (run.cost) parts.push(runCostText(run.cost));
  return parts.join(' · ');
}

function stateLabel(state: RunView['state']): string {
  switch (state) {
    case 'pending':
      return vscode.l10n.t('pending');
    case 'running':
      return vscode.l10n.t('running');
    case 'shutting-down':
      return vscode.l10n.t('shutting down');
    case 'terminated':
      return vscode.l10n.t('terminated');
    case 'stopping':
      return vscode.l10n.t('stopping');
    case 'stopped':
      return vscode.l10n.t('stopped');
    case 'unknown':
      return vscode.l10n.t('unknown');
  }
}

function runIcon(run: RunView): vscode.ThemeIcon {
  if (run.overdue) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (run.state === 'pending') return new vscode.ThemeIcon('loading~spin');
  if (run.state === 'running') return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
  if (run.status?.startsWith('failed'))
    return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (run.status === 'succeeded') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
  if (run.state === 'shutting-down' || run.state === 'stopping') return new vscode.ThemeIcon('debug-stop');
  return new vscode.ThemeIcon('circle-outline');
}

function runTooltip(run: RunView, now: number): vscode.MarkdownString {
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Date'), run.date ?? unknownTag(run, 'date')],
    [vscode.l10n.t('Instance'), run.instanceId],
    [vscode.l10n.t('State'), stateLabel(run.state)],
    [vscode.l10n.t('Outcome'), run.status ?? unknownTag(run, 'status')],
    [vscode.l10n.t('Launched'), run.launchTime ? formatTime(run.launchTime) : undefined],
    [vscode.l10n.t('Uptime'), run.live && run.launchTime ? formatDuration(now - run.launchTime.getTime()) : undefined],
    [vscode.l10n.t('Deadline'), run.dueAt ? formatTime(run.dueAt) : unknownTag(run, 'deadline')],
    [vscode.l10n.t('Executable version'), run.version],
    [vscode.l10n.t('Cost'), run.cost ? runCostDetail(run.cost) : undefined],
  ];
  const md = new vscode.MarkdownString();
  for (const [label, value] of rows) if (value) md.appendMarkdown(`**${label}:** ${escapeMarkdown(value)}  \n`);
  if (run.overdue)
    md.appendMarkdown(
      `\n$(warning) ${vscode.l10n.t('This machine is past its deadline and still alive: stop it unless you know why it runs.')}`,
    );
  md.supportThemeIcons = true;
  return md;
}

/** A tag someone set to a value that does not parse: it is there, and we do not trust it. */
function unknownTag(run: RunView, tag: 'date' | 'deadline' | 'status'): string | undefined {
  return run.unknownTags?.includes(tag) ? vscode.l10n.t('unknown (tag {0} not valid)', `adatrap:${tag}`) : undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>-]/g, '\\$&');
}

/**
 * What failed, for the Runs view (a view message hides the welcome views, so the reasons live here while Data
 * and Logs show the welcome with its buttons): one clickable row per `.env` problem, or the connection failure.
 */
export function runsProblem(
  config: WorkspaceConfig,
  model: RunsModel,
): { message: string; rows: TreeNode[] } | undefined {
  const state = config.state;
  if (state.kind === 'invalid') {
    const open = { command: COMMANDS.openConfiguration, title: vscode.l10n.t('Open Configuration') };
    return {
      message: vscode.l10n.t('Fix these settings of the .env file (click one to open the configuration):'),
      rows: state.problems.map((p) => new MessageNode(p.message, 'error', undefined, open)),
    };
  }
  if (state.kind === 'ready' && model.error) return { message: model.error, rows: [] };
  return undefined;
}

/** Rows before "Load more": VS Code renders every row it is given, and 5,000 runs took seconds (issue 7 bench). */
const RUNS_PAGE_SIZE = 200;

export function createRunsTree(model: RunsModel, activity: StreamActivity, config: WorkspaceConfig): NodeTreeProvider {
  let limit = RUNS_PAGE_SIZE;
  const more = {
    loadMore: (): void => {
      limit += RUNS_PAGE_SIZE;
      provider.refresh();
    },
  };
  const provider: NodeTreeProvider = new NodeTreeProvider(async () => {
    const problem = runsProblem(config, model);
    if (problem) return problem.rows;
    const now = Date.now();
    const runs = model.runs;
    // A machine still alive is always listed, however old: it is what the user must see, and may need to stop.
    const shown = runs.filter((run, i) => i < limit || run.live);
    const rows: TreeNode[] = shown.map((run) => new RunNode(run, activity.isTailing(run.instanceId), now));
    if (shown.length < runs.length) rows.push(new LoadMoreNode(more));
    return rows;
  });
  return provider;
}
