// A command module is the unit the extension grows by: a file exporting one of these, listed in ./index.ts.
// Its ids come from COMMANDS (./commandIds.ts). Handlers receive the tree node (context menus) or nothing
// (palette); they return a value for tests.
import type { AdatrapServices } from '../services';
import type { CommandTable } from './commandIds';

type CommandHandler = (...args: unknown[]) => unknown;

export interface CommandModule {
  commands(services: AdatrapServices): CommandTable<CommandHandler>;
}
