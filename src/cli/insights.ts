// insights NAME|--query QUERY [--since] [--until] [--csv|--json]: a Logs Insights query over the log group
// (StartQuery, GetQueryResults every second until Complete, StopQuery on Ctrl+C), printed as a table.
import type { Command } from 'commander';
import { InputError } from '../core/errors';
import { t } from '../core/i18n';
import { terminalJson } from '../core/logFormat';
import { insightsInstant, READY_QUERIES, READY_QUERY_NAMES, readyQuery, toCsv } from '../core/insightsQueries';
import { santiagoTimestamp } from '../core/santiagoTime';
import { DEFAULT_INSIGHTS_SINCE, parseTimeWindow } from '../core/timeRange';
import { actionError } from '../aws/awsErrors';
import { CloudWatchLogSearch } from '../aws/logSearch';
import { withAws } from './awsContext';
import { untilInterrupted } from './interrupt';
import { loadCliConfig } from './program';
import { renderTable } from './table';
import { sinceOption, untilOption, type TimeWindowOptions } from './timeArgs';

interface Options extends TimeWindowOptions {
  query?: string;
  csv?: boolean;
  json?: boolean;
  list?: boolean;
}

export function register(program: Command): void {
  program
    .command('insights')
    .description(t('logsearch.cmd.insights.description'))
    .argument('[name]', t('logsearch.cmd.insights.name', { names: READY_QUERY_NAMES.join(', ') }))
    .option('-q, --query <query>', t('logsearch.cmd.insights.query'))
    .addOption(sinceOption(DEFAULT_INSIGHTS_SINCE))
    .addOption(untilOption())
    .option('--csv', t('logsearch.cmd.insights.csv'))
    .option('--json', t('logsearch.cmd.insights.json'))
    .option('--list', t('logsearch.cmd.insights.list'))
    .action(async (name: string | undefined, options: Options, cmd: Command) => {
      if (options.list) {
        process.stdout.write(
          renderTable(
            ['NAME', 'QUERY'],
            READY_QUERIES.map((q) => [q.name, t(q.title)]),
          ),
        );
        return;
      }
      const names = READY_QUERY_NAMES.join(', ');
      if ((name === undefined) === (options.query === undefined)) {
        throw new InputError(t('logsearch.insights.nameOrQuery', { names }));
      }
      const query = options.query ?? readyQuery(name ?? '')?.query;
      if (!query) throw new InputError(t('logsearch.insights.unknown', { name: name ?? '', names }));
      const window = parseTimeWindow(options.since, options.until, DEFAULT_INSIGHTS_SINCE);
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        const result = await untilInterrupted((signal) =>
          new CloudWatchLogSearch(aws.clients.logs).insights({
            group: config.logGroup,
            query,
            start: window.start,
            end: window.end,
            signal,
            onStatus: (status) => process.stderr.write(`${t('logsearch.insights.status', { status })}\n`),
          }),
        ).catch((e: unknown) => {
          throw actionError(e, 'StartQuery');
        });
        // Event times in Santiago time, as every other output of ours; other columns as Insights gives them.
        const rows = result.rows.map((r) => {
          const out = { ...r };
          for (const f of ['@timestamp', '@ingestionTime']) {
            const instant = out[f] === undefined ? undefined : insightsInstant(out[f]);
            if (instant !== undefined) out[f] = santiagoTimestamp(new Date(instant));
          }
          return out;
        });
        if (options.json) process.stdout.write(`${terminalJson(rows, 2)}\n`);
        else if (options.csv) process.stdout.write(toCsv(result.fields, rows));
        else if (rows.length === 0) {
          process.stderr.write(
            `${t('logsearch.insights.none', {
              start: santiagoTimestamp(new Date(window.start)),
              end: santiagoTimestamp(new Date(window.end - 1)),
            })}\n`,
          );
        } else {
          process.stdout.write(
            renderTable(
              result.fields,
              rows.map((r) => result.fields.map((f) => (r[f] ?? '').replace(/\s+/g, ' '))),
            ),
          );
        }
        process.stderr.write(
          `${t('logsearch.insights.stats', {
            rows: rows.length,
            matched: result.recordsMatched,
            scanned: result.recordsScanned,
            bytes: `${result.bytesScanned} B`,
          })}\n`,
        );
      });
    });
}
