// The activation baseline: the least an extension with a view and a command does, loaded the same way.
import * as vscode from 'vscode';

class Rows implements vscode.TreeDataProvider<string> {
  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label);
  }
  getChildren(): string[] {
    return [];
  }
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.window.createTreeView('baseline.rows', { treeDataProvider: new Rows() }),
    vscode.commands.registerCommand('baseline.hello', () => undefined),
  );
}
