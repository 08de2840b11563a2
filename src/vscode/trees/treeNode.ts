// A node is a model object that knows how to render itself (the vscode-pull-request-github shape): data
// and rendering stay apart from the TreeItem class, and commands receive the node with its data.
import * as vscode from 'vscode';

export interface TreeNode {
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<TreeNode[]>;
}

/** A leaf that only says something (an error, "nothing here"); clicking it may run the fix. */
export class MessageNode implements TreeNode {
  constructor(
    private readonly text: string,
    private readonly icon = 'info',
    private readonly tooltip?: string,
    private readonly command?: vscode.Command,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(
      this.icon,
      this.icon === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined,
    );
    item.contextValue = 'message';
    item.tooltip = this.tooltip ?? this.text;
    item.command = this.command;
    return item;
  }
}

/** The "Load more" row of a paged list: clicking it runs adatrap.loadMore with the paged owner. */
export class LoadMoreNode implements TreeNode {
  constructor(readonly owner: { loadMore(): void }) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'adatrap.loadMore', title: vscode.l10n.t('Load more…'), arguments: [this] };
    return item;
  }
}

export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly roots: () => Promise<TreeNode[]>) {}

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    return node.getChildren?.() ?? Promise.resolve([]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
