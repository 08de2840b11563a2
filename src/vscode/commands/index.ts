// Every command module of the extension. To add commands, write a module and list it here.
import type { CommandModule } from './commandModule';
import { configEditorCommands } from '../configEditor/configEditorCommands';
import { calendarCommands } from '../calendar/calendarCommands';
import { keyPairCommands } from './keyPair';
import { logCommands } from './logCommands';
import { machineCommands } from './machineCommands';
import { outputCommands } from './outputCommands';
import { outputDownloadCommands } from './outputDownloadCommands';
import { refreshCommands } from './refresh';
import { runCommands } from './runCommands';
import { searchCommands } from './searchCommands';
import { setupCommands } from './setupCommands';
import { batchCommands } from './batchCommands';

export const commandModules: readonly CommandModule[] = [
  refreshCommands,
  configEditorCommands,
  runCommands,
  logCommands,
  outputCommands,
  outputDownloadCommands,
  machineCommands,
  keyPairCommands,
  calendarCommands,
  searchCommands,
  setupCommands,
  batchCommands,
];
