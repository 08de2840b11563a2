// The one place commands are registered. Every handler runs through `runAction`, so a failure becomes one
// notification naming what to fix, never an unhandled rejection or a stack trace.
import * as vscode from 'vscode';
import { runAction } from '../notify';
import type { AdatrapServices } from '../services';
import type { CommandModule } from './commandModule';

export function registerCommands(
  context: vscode.ExtensionContext,
  services: AdatrapServices,
  modules: readonly CommandModule[],
): void {
  for (const module of modules) {
    for (const [id, handler] of Object.entries(module.commands(services))) {
      context.subscriptions.push(
        vscode.commands.registerCommand(id, (...args: unknown[]) => runAction(() => handler(...args))),
      );
    }
  }
}
