// A node is a model object that knows how to render itself (the vscode-pull-request-github shape): data and
// rendering stay apart from the TreeItem class, and commands receive the node with its data. Each node knows its
// parent (the provider's getParent, so TreeView.reveal works) and owns the children it last returned: they are
// disposed when replaced by a new listing, or with it.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands/commandIds';
import { CONTEXT } from './contextValues';

export abstract class TreeNode implements vscode.Disposable {
  private parentNode: TreeNode | undefined;
  private owned: readonly TreeNode[] = [];

  abstract getTreeItem(): vscode.TreeItem;

  /** The node whose getChildren returned this one; undefined for a root. */
  getParent(): TreeNode | undefined {
    return this.parentNode;
  }

  /** Subclasses with children override `children()`; this wires their parent and disposal. */
  async getChildren(): Promise<TreeNode[]> {
    return this.own(await this.children());
  }

  protected children(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Subclasses holding resources release them here (and call super). */
  dispose(): void {
    disposeReplaced(this.owned, []);
    this.owned = [];
  }

  /** Makes `nodes` this node's children: sets their parent, disposes the previous ones not listed again. */
  protected own(nodes: TreeNode[]): TreeNode[] {
    for (const node of nodes) node.parentNode = this;
    disposeReplaced(this.owned, nodes);
    this.owned = nodes;
    return nodes;
  }
}

function disposeReplaced(previous: readonly TreeNode[], next: readonly TreeNode[]): void {
  for (const node of previous) if (!next.includes(node)) node.dispose();
}

/** What a node's row shows; `treeItem` builds the vscode.TreeItem from it, so each node states only its fields. */
interface TreeItemFields {
  readonly label: string;
  /** Whether the row expands (starts collapsed); a leaf by default. */
  readonly expandable?: boolean;
  readonly id?: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: string | vscode.ThemeIcon;
  readonly contextValue?: string;
  readonly command?: vscode.Command;
}

export function treeItem(fields: TreeItemFields): vscode.TreeItem {
  const state = fields.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(fields.label, state);
  if (fields.id !== undefined) item.id = fields.id;
  if (fields.description !== undefined) item.description = fields.description;
  if (fields.tooltip !== undefined) item.tooltip = fields.tooltip;
  if (fields.icon !== undefined)
    item.iconPath = typeof fields.icon === 'string' ? new vscode.ThemeIcon(fields.icon) : fields.icon;
  if (fields.contextValue !== undefined) item.contextValue = fields.contextValue;
  if (fields.command !== undefined) item.command = fields.command;
  return item;
}

/** A leaf that only says something (an error, "nothing here"); clicking it may run the fix. */
export class MessageNode extends TreeNode {
  constructor(
    private readonly text: string,
    private readonly icon = 'info',
    private readonly tooltip?: string,
    private readonly command?: vscode.Command,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    return treeItem({
      label: this.text,
      icon: new vscode.ThemeIcon(
        this.icon,
        this.icon === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined,
      ),
      contextValue: CONTEXT.message,
      tooltip: this.tooltip ?? this.text,
      command: this.command,
    });
  }
}

/** The "Load more" row of a paged list: clicking it runs adatrap.loadMore with the paged owner. */
export class LoadMoreNode extends TreeNode {
  constructor(readonly owner: { loadMore(): void }) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    return treeItem({
      label: vscode.l10n.t('Load more…'),
      icon: 'ellipsis',
      contextValue: CONTEXT.loadMore,
      command: { command: COMMANDS.loadMore, title: vscode.l10n.t('Load more…'), arguments: [this] },
    });
  }
}

/** The provider of one view: its roots come from `roots()`; the nodes do the rest. */
export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shownRoots: readonly TreeNode[] = [];

  constructor(private readonly roots: () => Promise<TreeNode[]>) {}

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  /** The roots of the last listing (what the view shows), e.g. to find the node to reveal. */
  get currentRoots(): readonly TreeNode[] {
    return this.shownRoots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.getChildren();
    const roots = await this.roots();
    disposeReplaced(this.shownRoots, roots);
    this.shownRoots = roots;
    return roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.getParent();
  }

  dispose(): void {
    disposeReplaced(this.shownRoots, []);
    this.shownRoots = [];
    this.changed.dispose();
  }
}
