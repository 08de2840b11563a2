import * as vscode from 'vscode';
import type { CommandModule } from './commandModule';

export const refreshCommands: CommandModule = {
  commands: () => ({
    'adatrap.refresh': () => vscode.window.showInformationMessage(vscode.l10n.t('Refreshed.')),
  }),
};
