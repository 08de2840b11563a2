// What command modules, trees and the status bar share. Built once in activate.ts.
import type * as vscode from 'vscode';
import type { ConnectionState } from './connectionState';
import type { LogDocumentProvider } from './logs/logDocumentProvider';
import type { TailManager } from './logs/tailManager';
import type { RunsModel } from './runsModel';
import type { Trees } from './trees/registerTrees';
import type { WorkspaceConfig } from './workspaceConfig';
import type { BatchesModel } from './batchesModel';
import type { ResultDocuments } from './logs/resultDocuments';

export interface AdatrapServices {
  readonly context: vscode.ExtensionContext;
  readonly config: WorkspaceConfig;
  readonly connection: ConnectionState;
  readonly runs: RunsModel;
  readonly tails: TailManager;
  readonly logDocuments: LogDocumentProvider;
  readonly trees: Trees;
  readonly batches: BatchesModel;
  /** Read-only result documents (searches, Insights tables, batch histories). */
  readonly results: ResultDocuments;
}
