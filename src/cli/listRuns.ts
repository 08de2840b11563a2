// list-runs [--json]: our machines (tagged with a run date), newest first.
import type { Command } from 'commander';
import { locale, t } from '../core/i18n';
import { LOG_TIME_ZONE } from '../core/logFormat';
import { actionError } from '../aws/awsErrors';
import type { RunInfo } from '../aws/runs';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';
import { renderTable } from './table';

function formatTime(when: Date | string | undefined): string {
  if (when === undefined) return '-';
  const d = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(d.getTime())) return String(when);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: LOG_TIME_ZONE }).format(d);
}

export function runsTable(runs: readonly RunInfo[]): string {
  return renderTable(
    [t('cli.runs.col.id'), t('cli.runs.col.date'), t('cli.runs.col.state'), t('cli.runs.col.launched'), t('cli.runs.col.outcome'), t('cli.runs.col.deadline')],
    runs.map((r) => [r.instanceId, r.date ?? '-', r.state, formatTime(r.launchTime), r.status ?? '-', formatTime(r.deadline)]),
  );
}

export function register(program: Command): void {
  program
    .command('list-runs')
    .description(t('cli.runs.description'))
    .option('--json', t('cli.runs.json'))
    .action(async (options: { json?: boolean }, cmd: Command) => {
      const config = await loadCliConfig(cmd);
      const runs = await withAws(config, (aws) =>
        aws.runs.list().catch((e: unknown) => {
          throw actionError(e, 'DescribeInstances');
        }),
      );
      if (options.json) {
        const plain = runs.map((r) => ({ ...r, launchTime: r.launchTime?.toISOString() }));
        process.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
      } else if (runs.length === 0) {
        process.stdout.write(`${t('cli.runs.none', { region: config.region })}\n`);
      } else {
        process.stdout.write(runsTable(runs));
      }
    });
}
