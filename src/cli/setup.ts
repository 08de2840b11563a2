// `setup [--print [--format yaml|json]] [--delete]`: deploys (creates or updates) the CloudFormation stack
// STACK_NAME that runs need — machines' role and instance profile, batch workflow, deadline role, run logs —
// following its events, then prints its outputs as the `.env` lines they fill in. Idempotent: a stack already
// up to date is success. `--print` writes the template and changes nothing; `--delete` removes the stack
// (the data buckets are never part of it, and the logs are kept).
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { t } from '../core/i18n';
import { stackTemplate, toYaml } from '../core/stackTemplate';
import { CloudFormationStacks, type StackEvent } from '../aws/stacks';
import { deployAdatrapStack, envLinesFor } from '../aws/stackSetup';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

interface SetupOptions {
  print?: boolean;
  format?: string;
  delete?: boolean;
}

export function printEvent(e: StackEvent): string {
  const when = e.time.toISOString().slice(11, 19);
  return `${when}  ${e.status.padEnd(20)} ${e.logicalId} (${e.resourceType})${e.reason ? `: ${e.reason}` : ''}`;
}

export function register(program: Command): void {
  program
    .command('setup')
    .description(t('orch.cmd.setup'))
    .option('--print', t('orch.cmd.setupPrint'))
    .option('--format <format>', t('orch.cmd.setupFormat'), 'yaml')
    .option('--delete', t('orch.cmd.setupDelete'))
    .action(async (options: SetupOptions, cmd: Command) => {
      const format = options.format ?? 'yaml';
      if (format !== 'yaml' && format !== 'json') throw new InputError(t('orch.cmd.badFormat', { format }));
      if (options.print && options.delete) throw new InputError(t('orch.cmd.printOrDelete'));
      const config = await loadCliConfig(cmd);
      const stackName = config.stackName;
      if (options.print) {
        // Nothing is asked of AWS: a first deployment creates the log group and stream.
        const template = stackTemplate(config, { stackName, createLogGroup: true, createLogStream: true });
        process.stdout.write(format === 'json' ? `${JSON.stringify(template, null, 2)}\n` : toYaml(template));
        return;
      }
      await withAws(config, async (aws) => {
        const stacks = new CloudFormationStacks(aws.clients.cloudFormation);
        const onEvent = (e: StackEvent) => process.stderr.write(`${printEvent(e)}\n`);
        if (options.delete) {
          process.stderr.write(`${t('orch.setup.deleting', { stack: stackName })}\n`);
          const deleted = await stacks.delete(stackName, { onEvent });
          process.stdout.write(
            `${t(deleted ? 'orch.setup.deleted' : 'orch.setup.nothingToDelete', { stack: stackName })}\n`,
          );
          return;
        }
        const { action, state } = await deployAdatrapStack(stacks, aws.logs, config, {
          onEvent,
          onStart: (update) =>
            process.stderr.write(
              `${t(update ? 'orch.setup.updating' : 'orch.setup.creating', { stack: stackName })}\n`,
            ),
        });
        process.stdout.write(`${t(`orch.setup.${action}`, { stack: stackName })}\n`);
        process.stdout.write(`${t('orch.setup.envLines')}\n`);
        for (const line of envLinesFor(state.outputs)) process.stdout.write(`${line}\n`);
      });
    });
}
