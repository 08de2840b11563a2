// The one place commands are registered. Every handler runs through `runAction`, so a failure becomes one
// notification naming what to fix, never an unhandled rejection or a stack trace.
import * as vscode from 'vscode';
import { runAction } from '../notify';
import type { AdatrapServices } from '../services';
import { mergeCommandTables } from './commandIds';
import type { CommandModule } from './commandModule';

export function registerCommands(
  context: vscode.ExtensionContext,
  services: AdatrapServices,
  modules: readonly CommandModule[],
): void {
  const handlers = mergeCommandTables(modules.map((module) => module.commands(services)));
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => runAction(() => handler(...args))),
    );
  }
}
