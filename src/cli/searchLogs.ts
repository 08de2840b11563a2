// search-logs PATTERN [--since] [--until] [--stream NAME...] [--json] [--oldest-first]: FilterLogEvents over the
// log group (or some streams) with the pattern as written, every page, printed as it arrives, newest first
// unless asked otherwise (src/aws/logSearch.ts walks the window backwards in slices). As `aws logs tail` and
// awslogs, the window defaults to the last day.
import type { Command } from 'commander';
import { InputError, UserError } from '../core/errors';
import { t } from '../core/i18n';
import { eventLine, terminalJson } from '../core/logFormat';
import { logStreamNameProblem } from '../core/config';
import { santiagoTimestamp } from '../core/santiagoTime';
import { DEFAULT_SEARCH_SINCE, parseTimeWindow } from '../core/timeRange';
import { actionError, awsErrorName } from '../aws/awsErrors';
import { CloudWatchLogSearch } from '../aws/logSearch';
import { withAws } from './awsContext';
import { untilInterrupted } from './interrupt';
import { loadCliConfig } from './program';
import { sinceOption, untilOption, type TimeWindowOptions } from './timeArgs';

interface Options extends TimeWindowOptions {
  stream?: string[];
  json?: boolean;
  oldestFirst?: boolean;
}

export function register(program: Command): void {
  program
    .command('search-logs')
    .description(t('logsearch.cmd.search.description'))
    .argument('<pattern>', t('logsearch.cmd.search.pattern'))
    .addOption(sinceOption(DEFAULT_SEARCH_SINCE))
    .addOption(untilOption())
    .option('--stream <name...>', t('logsearch.cmd.search.stream'))
    .option('--json', t('logsearch.cmd.search.json'))
    .option('--oldest-first', t('logsearch.cmd.search.oldestFirst'))
    .action(async (pattern: string, options: Options, cmd: Command) => {
      const window = parseTimeWindow(options.since, options.until, DEFAULT_SEARCH_SINCE);
      const streams = options.stream?.map((s) => s.trim()).filter(Boolean);
      if (options.stream && !streams?.length) throw new InputError(t('logsearch.cmd.search.stream'));
      for (const stream of streams ?? []) {
        const badName = logStreamNameProblem(stream);
        if (badName) throw new InputError(badName);
      }
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        const search = new CloudWatchLogSearch(aws.clients.logs);
        let count = 0;
        const seen = new Set<string>();
        try {
          await untilInterrupted(async (signal) => {
            for await (const hit of search.search(config.logGroup, {
              pattern,
              start: window.start,
              end: window.end,
              streams,
              order: options.oldestFirst ? 'oldest' : 'newest',
              signal,
            })) {
              count++;
              seen.add(hit.stream);
              const text = options.json
                ? terminalJson({
                    timestamp: hit.timestamp,
                    time: new Date(hit.timestamp).toISOString(),
                    stream: hit.stream,
                    message: hit.message.replace(/\r?\n$/, ''),
                  })
                : `${hit.stream}\t${eventLine(hit)}`;
              if (!process.stdout.write(`${text}\n`)) await new Promise((r) => process.stdout.once('drain', r));
            }
          });
        } catch (e) {
          if (e instanceof UserError) throw e;
          if (awsErrorName(e) === 'ResourceNotFoundException') {
            const missing = streams?.length ? streams.join(', ') : undefined;
            throw new UserError(
              missing
                ? t('logsearch.noStream', { name: missing, group: config.logGroup })
                : t('logsearch.noGroup', { group: config.logGroup }),
            );
          }
          throw actionError(e, 'FilterLogEvents');
        }
        process.stderr.write(
          `${t('logsearch.search.summary', {
            count,
            streams: seen.size,
            start: santiagoTimestamp(new Date(window.start)),
            end: santiagoTimestamp(new Date(window.end - 1)),
          })}\n`,
        );
      });
    });
}
