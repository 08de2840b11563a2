// create-ec2-instance DATE [--to DATE] [--max-parallel N] [--force] [--debug] [--wait] [--direct]: one run per
// date. By default ONE batch (a Step Functions execution of the stack's workflow, src/cli/batchLaunch.ts) that
// returns at once with its ARN; --direct launches from this process (before `setup`, or for one quick day).
import { DEFAULT_MAX_PARALLEL_RUNS, MAX_PARALLEL_OPTION } from '../core/launchLimits';
import type { Command } from 'commander';
import { eachDate, parseRunDates } from '../core/dates';
import { InputError, UserError } from '../core/errors';
import { t } from '../core/i18n';
import { launchDate, launchRange, type Launched, type RangeEvent } from '../aws/launcher';
import { withAws } from './awsContext';
import { printLaunchEstimate } from './launchCost';
import { loadCliConfig, parseIntInRange } from './program';
import { cliLauncherDeps, startBatch, waitForBatch } from './batchLaunch';

interface Options {
  to?: string;
  maxParallel: number;
  force?: boolean;
  debug?: boolean;
  wait?: boolean;
  direct?: boolean;
}

/**
 * Progress goes to stderr so stdout stays a clean list of "date instance-id" lines for scripts. A wait is
 * reported once, and again only when the number of live runs changes, not at every poll.
 */
function progressPrinter(): (e: RangeEvent) => void {
  let lastWait = '';
  return (e) => {
    if (e.type === 'waiting') {
      const key = `${e.date}/${e.live}`;
      if (key === lastWait) return;
      lastWait = key;
    }
    showProgress(e);
  };
}

function showProgress(e: RangeEvent): void {
  const line = ((): string | undefined => {
    switch (e.type) {
      case 'checked':
        return t('cli.launch.checked', { ready: e.readiness.filter((r) => r.ready).length, total: e.readiness.length });
      case 'skipped':
        return t('cli.launch.skipped', { date: e.date, reason: e.reason });
      case 'waiting':
        return t('cli.launch.waiting', { date: e.date, live: e.live, max: e.maxParallel });
      case 'launching':
        return undefined;
      case 'launched': {
        const line = t('cli.launch.launched', {
          index: e.index,
          total: e.total,
          date: e.date,
          instanceId: e.instanceId,
        });
        return [line, ...launchWarnings(e)].join('\n');
      }
      case 'failed':
        return t('cli.launch.failed', { date: e.date, message: e.message });
    }
  })();
  if (line) process.stderr.write(`${line}\n`);
}

/** A launched machine's warnings: no deadline schedule, first log lines not written. */
function launchWarnings(l: Launched): string[] {
  return [
    ...(l.deadlineWarning ? [t('deadline.cli.warning', { warning: l.deadlineWarning })] : []),
    ...(l.warning ? [t('cli.launch.logWarning', { instanceId: l.instanceId, warning: l.warning })] : []),
  ];
}

export function register(program: Command): void {
  program
    .command('create-ec2-instance')
    .description(t('cli.launch.description'))
    .argument('<date>', t('cli.launch.date'))
    .option('--to <date>', t('cli.launch.to'))
    .option(
      '--max-parallel <n>',
      t('cli.launch.maxParallel'),
      // More than 50 machines at once is past any account's default vCPU quota for these instance types.
      parseIntInRange('--max-parallel', 1, MAX_PARALLEL_OPTION),
      DEFAULT_MAX_PARALLEL_RUNS,
    )
    .option('--force', t('cli.launch.force'))
    .option('-d, --debug', t('cli.launch.debug'))
    .option('--wait', t('batches.cmd.wait'))
    .option('--direct', t('batches.cmd.direct'))
    .action(async (date: string, options: Options, cmd: Command) => {
      const range = parseRunDates(date, options.to);
      if (options.direct && options.wait) throw new InputError(t('batches.directWait'));
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        await printLaunchEstimate(aws, eachDate(range).length);
        if (!options.direct) {
          const { executionArn } = await startBatch(aws, range, {
            maxParallel: options.maxParallel,
            force: options.force === true,
            debug: options.debug === true,
          });
          process.stdout.write(`${executionArn}\n`);
          if (options.wait) await waitForBatch(aws, executionArn);
          else process.stderr.write(`${t('batches.followHint', { arn: executionArn })}\n`);
          return;
        }
        const deps = cliLauncherDeps(aws);
        const launchOptions = { force: options.force === true, debug: options.debug === true };
        if (options.to === undefined) {
          const launched = await launchDate(deps, range.from, launchOptions);
          process.stdout.write(`${launched.instanceId}\n`);
          for (const line of launchWarnings(launched)) process.stderr.write(`${line}\n`);
          return;
        }
        const abort = new AbortController();
        const onSigint = (): void => abort.abort(new UserError(t('cli.launch.interrupted')));
        process.once('SIGINT', onSigint);
        try {
          const summary = await launchRange(deps, range, {
            ...launchOptions,
            maxParallel: options.maxParallel,
            signal: abort.signal,
            onEvent: progressPrinter(),
            pollIntervalMs: Number(process.env.ADATRAP_SLOT_POLL_MS) || undefined,
          });
          for (const l of summary.launched) process.stdout.write(`${l.date}\t${l.instanceId}\n`);
          const notLaunched = [...summary.skipped.map((s) => s.date), ...summary.failed.map((f) => f.date)].sort();
          if (notLaunched.length > 0) {
            throw new UserError(
              t('cli.launch.someNotLaunched', { count: notLaunched.length, dates: notLaunched.join(', ') }),
            );
          }
        } finally {
          process.removeListener('SIGINT', onSigint);
        }
      });
    });
}
