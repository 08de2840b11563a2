import type * as vscode from 'vscode';

/** Which log streams are being tailed, so trees can offer Stop instead of Tail. */
export interface StreamActivity {
  isTailing(stream: string): boolean;
  readonly onDidChange: vscode.Event<void>;
}
