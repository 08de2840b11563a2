// stop-ec2-instance ID: terminates the machine (the old name says stop; it always terminated), logging before
// and after to the general stream as the old tool did.
import { deadlineSchedules, dropDeadline } from '../aws/deadlines';
import type { Command } from 'commander';
import { InputError, UserError } from '../core/errors';
import { t, tIn } from '../core/i18n';
import { formatLogLine } from '../core/logFormat';
import { actionError, awsErrorName, logGroupError } from '../aws/awsErrors';
import { logLanguage } from '../aws/launcher';
import { withAws, type AwsContext } from './awsContext';
import { loadCliConfig } from './program';

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

async function logGeneral(aws: AwsContext, message: string): Promise<void> {
  const now = new Date();
  await aws.logs.put(aws.config.logGroup, aws.config.generalLogStream, [
    { timestamp: now.getTime(), message: formatLogLine('INFO', message, now) },
  ]);
}

export function register(program: Command): void {
  program
    .command('stop-ec2-instance')
    .description(t('cli.stop.description'))
    .argument('<id>', t('cli.stop.id'))
    .option('--force', t('cli.stop.force'))
    .action(async (id: string, options: { force?: boolean }, cmd: Command) => {
      if (!INSTANCE_ID.test(id)) throw new InputError(t('cli.stop.badId', { id }));
      const config = await loadCliConfig(cmd);
      const lang = logLanguage();
      await withAws(config, async (aws) => {
        const before = await aws.runs.describe(id).catch((e: unknown) => {
          throw actionError(e, 'DescribeInstances');
        });
        if (!before) throw new UserError(t('cli.stop.notFound', { id, region: config.region }));
        // The old tool terminated whatever id it was given; a typo could end someone else's server.
        if (before.date === undefined && !options.force) throw new UserError(t('cli.stop.notOurs', { id }));
        await logGeneral(aws, tIn(lang, 'aws.log.terminating', { instanceId: id })).catch((e: unknown) => {
          throw logGroupError(e, config.logGroup);
        });
        let state: string;
        try {
          state = await aws.runs.terminate(id);
        } catch (e) {
          if (awsErrorName(e) === 'InvalidInstanceID.NotFound')
            throw new UserError(t('cli.stop.notFound', { id, region: config.region }));
          throw actionError(e, 'TerminateInstances');
        }
        const deadlineWarning = await dropDeadline(deadlineSchedules(config, aws.clients), id);
        if (deadlineWarning) process.stderr.write(`${t('deadline.cli.warning', { warning: deadlineWarning })}\n`);
        await logGeneral(aws, tIn(lang, 'aws.log.terminated', { instanceId: id, state })).catch((e: unknown) => {
          throw logGroupError(e, config.logGroup);
        });
        process.stdout.write(`${t('cli.stop.done', { id, state })}\n`);
      });
    });
}
