// Every command id of the extension, in one place (the vscode-containers registry shape). package.json
// contributes exactly these, registerCommands registers a handler for each exactly once, and code that runs or
// links a command names it as `COMMANDS.x` (test/unit/vscode/contributions.test.ts checks all three).
// No `vscode` import: unit tests read it.

export const COMMANDS = {
  createKeyPair: 'adatrap.createKeyPair',
  checkInputs: 'adatrap.checkInputs',
  launchRun: 'adatrap.launchRun',
  stopRun: 'adatrap.stopRun',
  openLogStream: 'adatrap.openLogStream',
  loadNewerLogEvents: 'adatrap.loadNewerLogEvents',
  saveLogStream: 'adatrap.saveLogStream',
  tailLogStream: 'adatrap.tailLogStream',
  stopTail: 'adatrap.stopTail',
  openRunOutputs: 'adatrap.openRunOutputs',
  openCalendar: 'adatrap.openCalendar',
  refresh: 'adatrap.refresh',
  openConfiguration: 'adatrap.openConfiguration',
  loadMore: 'adatrap.loadMore',
  searchLogs: 'adatrap.searchLogs',
  runInsightsQuery: 'adatrap.runInsightsQuery',
  connectRemoteDesktop: 'adatrap.connectRemoteDesktop',
  showSystemLog: 'adatrap.showSystemLog',
  showScreenshot: 'adatrap.showScreenshot',
  downloadOutputs: 'adatrap.downloadOutputs',
  copyDownloadLink: 'adatrap.copyDownloadLink',
  setUpAwsAccount: 'adatrap.setUpAwsAccount',
  deleteAwsStack: 'adatrap.deleteAwsStack',
  stopBatch: 'adatrap.stopBatch',
  showBatch: 'adatrap.showBatch',
  openBatchInConsole: 'adatrap.openBatchInConsole',
  revealRun: 'adatrap.revealRun',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const COMMAND_IDS: readonly CommandId[] = Object.values(COMMANDS);

/** What a command module contributes: handlers for some of the ids (a typo in an id is a type error). */
export type CommandTable<H> = Partial<Record<CommandId, H>>;

/**
 * The modules' tables merged into one with a handler for every id. A second handler for an id, or an id no
 * module handles, is a programming error reported with the ids, at activation (and by the unit test).
 */
export function mergeCommandTables<H>(tables: readonly CommandTable<H>[]): Record<CommandId, H> {
  const merged = new Map<CommandId, H>();
  const twice: string[] = [];
  for (const table of tables) {
    for (const [id, handler] of Object.entries(table) as [CommandId, H | undefined][]) {
      if (handler === undefined) continue;
      if (merged.has(id)) twice.push(id);
      merged.set(id, handler);
    }
  }
  const missing = COMMAND_IDS.filter((id) => !merged.has(id));
  const unknown = [...merged.keys()].filter((id) => !COMMAND_IDS.includes(id));
  if (twice.length || missing.length || unknown.length) {
    throw new Error(
      `Command registry: ${[
        twice.length ? `registered twice: ${twice.join(', ')}` : '',
        missing.length ? `no handler: ${missing.join(', ')}` : '',
        unknown.length ? `not in COMMANDS: ${unknown.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  return Object.fromEntries(merged) as Record<CommandId, H>;
}
