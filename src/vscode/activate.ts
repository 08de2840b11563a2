// Wires the extension together: language, services, trees, commands, status bar. Nothing else lives here.
import * as vscode from 'vscode';
import { setLanguage, toLang } from '../core/i18n';
import { commandModules } from './commands';
import { registerCommands } from './commands/registerCommands';
import { registerConfigEditor } from './configEditor/configEditorProvider';
import { ConnectionState } from './connectionState';
import { LogDocumentProvider } from './logs/logDocumentProvider';
import { TailManager } from './logs/tailManager';
import { setDiagnosticsChannel } from './notify';
import { registerObjectDocuments } from './objectDocumentProvider';
import { RunsModel } from './runsModel';
import { BatchesModel } from './batchesModel';
import { ResultDocuments } from './logs/resultDocuments';
import type { AdatrapServices } from './services';
import { registerStatusBar } from './statusBar';
import { registerTrees } from './trees/registerTrees';
import { WorkspaceConfig } from './workspaceConfig';

export async function activateAdatrap(context: vscode.ExtensionContext): Promise<AdatrapServices> {
  // Messages from the core and the AWS adapters follow VS Code's display language.
  setLanguage(toLang(vscode.env.language) ?? 'es');
  const diagnostics = vscode.window.createOutputChannel('ADATRAP Miner', { log: true });
  setDiagnosticsChannel(diagnostics);

  const config = new WorkspaceConfig();
  const connection = new ConnectionState();
  const runs = new RunsModel(config, connection);
  const tails = new TailManager(() => config.aws().logs);
  const logDocuments = new LogDocumentProvider(() => config.aws().logs);
  const batches = new BatchesModel(config);
  const results = new ResultDocuments();
  context.subscriptions.push(diagnostics, config, connection, runs, tails, logDocuments, batches, results);
  context.subscriptions.push(
    config.onDidChange((state) => {
      if (state.kind === 'ready') tails.reconnectAll();
    }),
  );
  await vscode.commands.executeCommand('setContext', 'adatrap.credentialsState', 'unknown');
  await config.reload();

  const trees = registerTrees(context, config, connection, runs, tails, batches);
  const services: AdatrapServices = { context, config, connection, runs, tails, logDocuments, trees, batches, results };
  registerCommands(context, services, commandModules);
  registerConfigEditor(context);
  registerObjectDocuments(context, config);
  registerStatusBar(context, config, runs);
  return services;
}
