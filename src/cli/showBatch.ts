// show-batch ARN [--json]: one batch's days (state, tries, machine, reason) from its execution history.
import type { Command } from 'commander';
import { t } from '../core/i18n';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';
import { batchDetailJson, batchDetailText } from './batchText';

export function register(program: Command): void {
  program
    .command('show-batch')
    .description(t('batches.cmd.show'))
    .argument('<arn>', t('batches.cmd.arn'))
    .option('--json', t('batches.cmd.json'))
    .action(async (arn: string, options: { json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        const detail = await aws.batches.describe(arn);
        process.stdout.write(
          options.json ? `${JSON.stringify(batchDetailJson(detail), null, 2)}\n` : batchDetailText(detail),
        );
      });
    });
}
