// The Logs view: the log group's streams, newest activity first, the general stream pinned on top. Streams
// named after one of our instances show that run's date.
import * as vscode from 'vscode';
import { awsErrorName } from '../../aws/awsErrors';
import type { StreamInfo } from '../../aws/logs';
import type { StreamActivity } from '../logs/streamActivity';
import type { RunsModel } from '../runsModel';
import type { WorkspaceConfig } from '../workspaceConfig';
import { formatTime } from '../format';
import { describeFailure } from '../notify';
import { LoadMoreNode, MessageNode, NodeTreeProvider, TreeNode } from './treeNode';
import { PagedList } from './pagedList';
import { logStreamContextValue, type StreamKind } from './contextValues';
import { COMMANDS } from '../commands/commandIds';

const PAGE_SIZE = 50;

export class LogStreamNode extends TreeNode {
  constructor(
    readonly group: string,
    readonly streamName: string,
    readonly kind: StreamKind,
    private readonly info: StreamInfo | undefined,
    private readonly runDate: string | undefined,
    private readonly tailing: boolean,
  ) {
    super();
  }

  /** `logStream.<general|run|other>[.tailing]`. */
  get contextValue(): string {
    return logStreamContextValue(this.kind, this.tailing);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.streamName, vscode.TreeItemCollapsibleState.None);
    item.id = `logStream:${this.group}:${this.streamName}`;
    const last = this.info?.lastEventTime ?? this.info?.creationTime;
    const parts: string[] = [];
    if (this.runDate) parts.push(this.runDate);
    if (last) parts.push(formatTime(last));
    if (this.tailing) parts.push(vscode.l10n.t('following'));
    item.description = parts.join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      this.kind === 'general' ? 'pinned' : this.kind === 'run' ? 'server-process' : 'output',
    );
    item.contextValue = this.contextValue;
    item.tooltip =
      this.kind === 'general'
        ? vscode.l10n.t('General stream of group {0} (GENERAL_LOG_STREAM): project-wide events', this.group)
        : vscode.l10n.t('Log stream {0} of group {1}', this.streamName, this.group);
    item.command = { command: COMMANDS.openLogStream, title: vscode.l10n.t('Open Log Stream'), arguments: [this] };
    return item;
  }
}

export class LogsTreeSource {
  private paged: PagedList<StreamInfo> | undefined;
  private pagedGroup: string | undefined;
  readonly provider: NodeTreeProvider;

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly runs: RunsModel,
    private readonly activity: StreamActivity,
  ) {
    this.provider = new NodeTreeProvider(() => this.roots());
  }

  /** Lists again from the first page (keeping how many pages were asked for). */
  reset(): void {
    this.paged?.reset();
  }

  loadMore(): void {
    this.paged?.more();
    this.provider.refresh();
  }

  private async roots(): Promise<TreeNode[]> {
    const state = this.config.state;
    if (state.kind !== 'ready' || this.runs.error) return [];
    const { logGroup: group, generalLogStream: general } = state.config;
    const logs = this.config.aws().logs;
    if (!this.paged || this.pagedGroup !== group) {
      this.paged = new PagedList(() => logs.listStreams(group), PAGE_SIZE);
      this.pagedGroup = group;
    }
    let page: { items: readonly StreamInfo[]; hasMore: boolean };
    try {
      page = await this.paged.load();
    } catch (e) {
      this.paged = undefined;
      if (awsErrorName(e) === 'ResourceNotFoundException') {
        return [
          new MessageNode(
            vscode.l10n.t(
              'The log group {0} (LOG_GROUP in .env) does not exist yet: launching a run creates it.',
              group,
            ),
          ),
        ];
      }
      return [new MessageNode(describeFailure(e), 'error')];
    }
    const node = (info: StreamInfo | undefined, name: string): LogStreamNode => {
      const run = this.runs.find(name);
      const kind: StreamKind = name === general ? 'general' : run ? 'run' : 'other';
      return new LogStreamNode(group, name, kind, info, run?.date, this.activity.isTailing(name));
    };
    const nodes: TreeNode[] = [
      node(
        page.items.find((s) => s.name === general),
        general,
      ),
    ];
    for (const info of page.items) if (info.name !== general) nodes.push(node(info, info.name));
    if (page.hasMore) nodes.push(new LoadMoreNode(this));
    return nodes;
  }
}
