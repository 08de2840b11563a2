// list-batches [--limit N] [--json]: the workflow's executions (one per create-ec2-instance), newest first.
import type { Command } from 'commander';
import { t } from '../core/i18n';
import { withAws } from './awsContext';
import { loadCliConfig, parseIntInRange } from './program';
import { batchesTable } from './batchText';

export function register(program: Command): void {
  program
    .command('list-batches')
    .description(t('batches.cmd.list'))
    .option('--limit <n>', t('batches.cmd.limit'), parseIntInRange('--limit', 1, 10_000), 50)
    .option('--json', t('batches.cmd.json'))
    .action(async (options: { limit: number; json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        const batches = await aws.batches.list({ limit: options.limit });
        if (options.json) {
          const plain = batches.map((b) => ({
            ...b,
            startDate: b.startDate?.toISOString(),
            stopDate: b.stopDate?.toISOString(),
          }));
          process.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
        } else if (batches.length === 0) process.stdout.write(`${t('batches.none')}\n`);
        else process.stdout.write(batchesTable(batches));
      });
    });
}
