// The `adatrap-miner` command line. Every command lives in src/cli/<command>.ts and exports
// `register(program)`; add yours to `commandModules` below (one import, one list entry).
import { Command, CommanderError } from 'commander';
import { t } from './core/i18n';
import type { CommandModule } from './cli/program';
import { reportError } from './core/errorReport';
import * as createKeyPair from './cli/createKeyPair';
import * as createEc2Instance from './cli/createEc2Instance';
import * as stopEc2Instance from './cli/stopEc2Instance';
import * as getLogStream from './cli/getLogStream';
import * as checkInputs from './cli/checkInputs';
import * as listRuns from './cli/listRuns';
import * as calendarCommand from './cli/calendar';
import * as sandboxCommand from './cli/sandbox';
import * as executeAdatrap from './cli/executeAdatrap';
import * as printIamPolicy from './cli/printIamPolicy';
import * as getWindowsPassword from './cli/getWindowsPassword';
import * as rdpCommand from './cli/rdp';
import * as getConsoleOutput from './cli/getConsoleOutput';
import * as setupCommand from './cli/setup';
import * as searchLogs from './cli/searchLogs';
import * as insights from './cli/insights';
import * as getOutputs from './cli/getOutputs';
import * as listBatches from './cli/listBatches';
import * as showBatch from './cli/showBatch';
import * as stopBatch from './cli/stopBatch';

const commandModules: CommandModule[] = [
  createKeyPair,
  createEc2Instance,
  stopEc2Instance,
  getLogStream,
  checkInputs,
  listRuns,
  calendarCommand,
  sandboxCommand,
  executeAdatrap,
  printIamPolicy,
  getWindowsPassword,
  rdpCommand,
  getConsoleOutput,
  setupCommand,
  searchLogs,
  insights,
  getOutputs,
  listBatches,
  showBatch,
  stopBatch,
];

export function buildProgram(): Command {
  const program = new Command('adatrap-miner')
    .description(t('cli.description'))
    .option('--config <path>', t('cli.option.envFile'))
    .option('--verbose', t('cli.option.verbose'))
    .showHelpAfterError()
    .exitOverride();
  for (const m of commandModules) m.register(program);
  // Subcommands inherit exitOverride only if set before they are added; set it on each again to be sure.
  for (const c of [program, ...program.commands]) localizeHelp(c.exitOverride());
  return program;
}

/** Commander writes its help headings and the help option in English; ours speak the user's language. */
function localizeHelp(command: Command): void {
  const titles: Record<string, string> = {
    'Usage:': t('cli.help.usage'),
    'Options:': t('cli.help.options'),
    'Global Options:': t('cli.help.globalOptions'),
    'Commands:': t('cli.help.commands'),
    'Arguments:': t('cli.help.arguments'),
  };
  command.helpOption('-h, --help', t('cli.help.option'));
  // Only a command with subcommands has a help command; naming it elsewhere would add one.
  if (command.commands.length > 0) command.helpCommand('help [command]', t('cli.help.option'));
  command.configureHelp({ styleTitle: (title: string) => titles[title] ?? title });
}

export async function main(argv: string[]): Promise<number> {
  // Node 20 is the supported runtime here (the agent's machines pin it); the SDK's notice would only add noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are exits with code 0; every other commander error is bad usage.
      return e.exitCode === 0 ? 0 : 2;
    }
    return reportError(e, program.opts<{ verbose?: boolean }>().verbose === true, (s) => process.stderr.write(s));
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
