// `print-iam-policy [--account ID] [--operator [--machine-role NAME]]`: the least-privilege policy for the
// machines' instance profile (default) or for the person launching runs, from the configured buckets, region
// and log group, ready for `aws iam put-role-policy --policy-document file://…`.
import type { Command } from 'commander';
import { instanceProfilePolicy, operatorPolicy } from '../core/iamPolicy';
import { t } from '../core/i18n';
import { loadCliConfig } from './program';

export function register(program: Command): void {
  program
    .command('print-iam-policy')
    .description(t('agent.cmd.printIamPolicy'))
    .option('--account <id>', t('agent.cmd.account'))
    .option('--operator', t('machine.cmd.operator'))
    .option('--machine-role <name>', t('machine.cmd.machineRole'))
    .action(async (options: { account?: string; operator?: boolean; machineRole?: string }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      const accountId = options.account ?? '*';
      const policy = options.operator
        ? operatorPolicy(config, { accountId, machineRole: options.machineRole })
        : instanceProfilePolicy(config, accountId);
      process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    });
}
