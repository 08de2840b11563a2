// Wires the extension together: language, services, trees, commands, status bar. Nothing else lives here.
import * as vscode from 'vscode';
import { setLanguage, toLang } from '../core/i18n';
import { commandModules } from './commands';
import { registerCommands } from './commands/registerCommands';
import { registerConfigEditor } from './configEditor/configEditorProvider';
import { setDiagnosticsChannel } from './notify';
import type { AdatrapServices } from './services';

export function activateAdatrap(context: vscode.ExtensionContext): AdatrapServices {
  setLanguage(toLang(vscode.env.language) ?? 'es');
  const diagnostics = vscode.window.createOutputChannel('ADATRAP Miner', { log: true });
  context.subscriptions.push(diagnostics);
  setDiagnosticsChannel(diagnostics);
  const services: AdatrapServices = { context };
  registerCommands(context, services, commandModules);
  registerConfigEditor(context);
  return services;
}
