// Entry point VS Code loads. Kept thin: everything is wired in src/vscode/activate.ts.
import type * as vscode from 'vscode';
import { activateAdatrap } from './vscode/activate';
import type { AdatrapServices } from './vscode/services';

/** Returns the services so extension-host tests can look inside (the trees, the tails, the documents). */
export function activate(context: vscode.ExtensionContext): Promise<AdatrapServices> {
  return activateAdatrap(context);
}

export function deactivate(): void {
  // Disposables registered on the context stop polling, tails and servers.
}
