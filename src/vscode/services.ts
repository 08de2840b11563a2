// What command modules, trees and the status bar share. Built once in activate.ts.
import type * as vscode from 'vscode';

export interface AdatrapServices {
  readonly context: vscode.ExtensionContext;
}
