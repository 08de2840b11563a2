// get-console-output ID [--latest] [--screenshot FILE.jpg]: what the machine printed (GetConsoleOutput,
// base64-decoded), and optionally a screenshot of its screen (GetConsoleScreenshot, a JPEG), for a machine
// that died before its agent could log anything.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { t } from '../core/i18n';
import { writeNewFile } from '../files/newFile';
import { assertAbsent, checkInstanceId, withMachineAccess } from './machineCommand';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('get-console-output')
    .description(t('diagnose.cli.console.description'))
    .argument('<id>', t('diagnose.cli.instanceId'))
    .option('--latest', t('diagnose.cli.console.latest'))
    .option('--screenshot <file>', t('diagnose.cli.console.screenshot'))
    .action(async (id: string, options: { latest?: boolean; screenshot?: string }, cmd: Command) => {
      checkInstanceId(id);
      const config = await loadCliConfig(cmd);
      const shot = options.screenshot === undefined ? undefined : resolve(options.screenshot);
      if (shot) assertAbsent(shot);
      await withMachineAccess(config, async (access) => {
        const output = await access.consoleOutput(id, options.latest === true);
        if (output.text === undefined) process.stderr.write(`${t('diagnose.console.empty', { id })}\n`);
        else process.stdout.write(output.text.endsWith('\n') ? output.text : `${output.text}\n`);
        if (shot) {
          await writeNewFile(shot, await access.screenshot(id));
          process.stderr.write(`${t('diagnose.screenshot.saved', { file: shot })}\n`);
        }
      });
    });
}
