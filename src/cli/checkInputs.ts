// check-inputs DATE [--to DATE]: is each date ready to run? A table on stdout; exit 1 naming what is missing.
import type { Command } from 'commander';
import { parseDateRange, eachDate } from '../core/dates';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import type { DateReadiness } from '../core/preflight';
import { checkDates } from '../aws/preflight';
import { withAws } from './awsContext';
import { printCrossRegionWarnings } from './launchCost';
import { loadCliConfig } from './program';
import { renderTable } from './table';

/** One row per date, then every problem of the dates that are not ready, each on its own line. */
export function readinessTable(results: readonly DateReadiness[]): string {
  const rows = results.map((r) => [
    r.date,
    r.ready ? t('cli.check.ready') : t('cli.check.notReadyCell', { count: r.problems.length }),
    r.po?.key ?? '-',
    r.serviceDetail?.key ?? '-',
  ]);
  const table = renderTable(
    [t('cli.check.col.date'), t('cli.check.col.status'), t('cli.check.col.po'), t('cli.check.col.serviceDetail')],
    rows,
  );
  const details = results
    .filter((r) => !r.ready)
    .map((r) => [`${r.date}:`, ...r.problems.map((p) => `  - ${p.message}`)].join('\n'));
  return details.length === 0 ? table : `${table}\n${details.join('\n')}\n`;
}

export function register(program: Command): void {
  program
    .command('check-inputs')
    .description(t('cli.check.description'))
    .argument('<date>', t('cli.check.date'))
    .option('--to <date>', t('cli.check.to'))
    .option('--json', t('cli.check.json'))
    .action(async (date: string, options: { to?: string; json?: boolean }, cmd: Command) => {
      const range = parseDateRange(date, options.to);
      const config = await loadCliConfig(cmd);
      const results = await withAws(config, async (aws) => {
        const [readiness] = await Promise.all([
          checkDates(aws.storage, config, eachDate(range)),
          printCrossRegionWarnings(aws),
        ]);
        return readiness;
      });
      process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : readinessTable(results));
      const failing = results.filter((r) => !r.ready);
      if (failing.length > 0) {
        const first = failing[0];
        throw new UserError(
          failing.length === 1 && first
            ? t('cli.check.oneNotReady', { date: first.date, problems: first.problems.map((p) => p.message).join(' ') })
            : t('cli.check.someNotReady', {
                count: failing.length,
                total: results.length,
                dates: failing.map((r) => r.date).join(', '),
              }),
        );
      }
    });
}
