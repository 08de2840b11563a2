// Every command module of the extension. To add commands, write a module and list it here.
import type { CommandModule } from './commandModule';
import { refreshCommands } from './refresh';
import { configEditorCommands } from '../configEditor/configEditorCommands';

export const commandModules: readonly CommandModule[] = [refreshCommands, configEditorCommands];
