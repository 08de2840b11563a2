// A command module is the unit the extension grows by: a file exporting one of these, listed in ./index.ts.
// Handlers receive the tree node (context menus) or nothing (palette); they return a value for tests.
import type { AdatrapServices } from '../services';

export type CommandHandler = (...args: unknown[]) => unknown;

export interface CommandModule {
  commands(services: AdatrapServices): Record<string, CommandHandler>;
}
