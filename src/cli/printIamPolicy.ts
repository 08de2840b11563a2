// `print-iam-policy [--account ID]`: the least-privilege policy for the machines' instance profile, from the
// configured buckets and log group, ready for `aws iam put-role-policy --policy-document file://…`.
import type { Command } from 'commander';
import { instanceProfilePolicy } from '../core/iamPolicy';
import { t } from '../core/i18n';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('print-iam-policy')
    .description(t('agent.cmd.printIamPolicy'))
    .option('--account <id>', t('agent.cmd.account'))
    .action(async (options: { account?: string }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      process.stdout.write(`${JSON.stringify(instanceProfilePolicy(config, options.account ?? '*'), null, 2)}\n`);
    });
}
