// stop-batch ARN [--json]: stops the execution (no new day starts) and terminates the machines it launched.
import type { Command } from 'commander';
import { t } from '../core/i18n';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('stop-batch')
    .description(t('batches.cmd.stop'))
    .argument('<arn>', t('batches.cmd.arn'))
    .option('--json', t('batches.cmd.json'))
    .action(async (arn: string, options: { json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        const result = await aws.batches.stop(arn);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ executionArn: arn, ...result }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${t(result.stopped ? 'batches.stopped' : 'batches.alreadyEnded', { arn })}\n`);
        for (const id of result.terminated) process.stdout.write(`${t('batches.terminated', { instanceId: id })}\n`);
      });
    });
}
