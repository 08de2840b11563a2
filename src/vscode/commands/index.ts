// Every command module of the extension. To add commands, write a module and list it here.
import type { CommandModule } from './commandModule';
import { refreshCommands } from './refresh';

export const commandModules: readonly CommandModule[] = [refreshCommands];
