// The Open Configuration command, as a module of the extension's command registry.
import * as vscode from 'vscode';
import type { CommandModule } from '../commands/commandModule';
import { openConfigurationEditor } from './configEditorProvider';
import { COMMANDS } from '../commands/commandIds';

export const configEditorCommands: CommandModule = {
  commands: () => ({
    // From the explorer's context menu the clicked `.env` arrives as a Uri; from the palette, nothing.
    [COMMANDS.openConfiguration]: (arg?: unknown) =>
      openConfigurationEditor(arg instanceof vscode.Uri ? arg : undefined),
  }),
};
