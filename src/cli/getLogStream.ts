// get-log-stream NAME [-s DATE|--since 2h] [-e DATE] [--filter PATTERN] [-o OUT] [-f]: every event of a stream
// in the window (all pages, milliseconds, END honoured), streamed to OUT.log or stdout so a week of logs never
// sits in memory. With --filter only the events matching the CloudWatch filter pattern (FilterLogEvents on the
// stream; StartLiveTail's logEventFilterPattern when following).
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeWrite, TargetExistsError } from '../files/safeWrite';
import type { Command } from 'commander';
import { InputError, UserError } from '../core/errors';
import { escapeControl } from '../core/logFormat';
import { logStreamNameProblem } from '../core/config';
import { t } from '../core/i18n';
import { actionError, awsErrorName } from '../aws/awsErrors';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent, Logs } from '../aws/logs';
import { CloudWatchLogSearch } from '../aws/logSearch';
import { withAws } from './awsContext';
import { untilInterrupted } from './interrupt';
import { loadCliConfig } from './program';
import { parseEndExclusive, parseStart } from './timeArgs';

interface Options {
  since?: string;
  filter?: string;
  start?: string;
  end?: string;
  output?: string;
  follow?: boolean;
}

/** Lines joined into ~64 KiB chunks: one stream write per event made a 200k-event export twice as slow (bench). */
async function* lines(events: AsyncIterable<LogEvent>): AsyncIterable<string> {
  let chunk = '';
  for await (const e of events) {
    chunk += `${escapeControl(e.message.replace(/\r?\n$/, ''))}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function register(program: Command): void {
  program
    .command('get-log-stream')
    .description(t('cli.getLog.description'))
    .argument('<name>', t('cli.getLog.name'))
    .option('-s, --start <date>', t('cli.getLog.start'))
    .option('--since <time>', t('logsearch.cmd.getLog.since'))
    .option('-e, --end <date>', t('cli.getLog.end'))
    .option('--filter <pattern>', t('logsearch.cmd.getLog.filter'))
    .option('-o, --output <out>', t('cli.getLog.output'))
    .option('-f, --follow', t('cli.getLog.follow'))
    .action(async (name: string, options: Options, cmd: Command) => {
      const badName = logStreamNameProblem(name);
      if (badName) throw new InputError(badName);
      if (options.follow && (options.output !== undefined || options.end !== undefined)) {
        throw new InputError(t('cli.getLog.followConflict'));
      }
      if (options.since !== undefined && options.start !== undefined) {
        throw new InputError(t('logsearch.getLog.sinceConflict'));
      }
      const start =
        options.since !== undefined
          ? parseStart(options.since, '--since')
          : options.start === undefined
            ? undefined
            : parseStart(options.start, '--start');
      const filter = options.filter?.trim() || undefined;
      const end = options.end === undefined ? undefined : parseEndExclusive(options.end, '--end');
      if (start !== undefined && end !== undefined && end <= start) {
        throw new InputError(t('cli.getLog.reversed', { start: options.start ?? '', end: options.end ?? '' }));
      }
      const config = await loadCliConfig(cmd);
      await withAws(config, async (aws) => {
        let exists: boolean;
        try {
          exists = await aws.logs.streamExists(config.logGroup, name);
        } catch (e) {
          if (awsErrorName(e) === 'ResourceNotFoundException')
            throw new UserError(t('cli.getLog.noGroup', { group: config.logGroup }));
          throw actionError(e, 'DescribeLogStreams');
        }
        if (options.follow) {
          await follow(aws.logs, config.logGroup, name, start ?? Date.now(), filter);
          return;
        }
        if (!exists) throw new UserError(t('cli.getLog.noStream', { name, group: config.logGroup }));
        const events = filter
          ? filteredEvents(aws.clients.logs, config.logGroup, name, filter, start, end)
          : aws.logs.read(config.logGroup, name, { start, end });
        if (options.output === undefined) {
          await pipeline(Readable.from(lines(events)), stdoutSink());
          return;
        }
        // As the old tool: OUT becomes OUT.log. An existing file is someone's results: never overwrite it.
        const path = resolve(`${options.output}.log`);
        try {
          // safeWrite never replaces without `replace`, never follows a link, and removes its partial file.
          await safeWrite(path, lines(events));
        } catch (e) {
          if (e instanceof TargetExistsError) throw new UserError(t('cli.getLog.fileExists', { path }));
          throw actionError(e, 'GetLogEvents');
        }
        process.stderr.write(`${t('cli.getLog.written', { path })}\n`);
      });
    });
}

/** The stream's events that match the pattern, oldest first (the whole stream when no window is given). */
async function* filteredEvents(
  client: CloudWatchLogsClient,
  group: string,
  stream: string,
  pattern: string,
  start: number | undefined,
  end: number | undefined,
): AsyncIterable<LogEvent> {
  const search = new CloudWatchLogSearch(client);
  for await (const hit of search.search(group, {
    pattern,
    start: start ?? 0,
    end: end ?? Date.now() + 1,
    streams: [stream],
    order: 'oldest',
  })) {
    yield hit;
  }
}

/** stdout as a pipeline destination that is not closed at the end (later output still needs it). */
function stdoutSink(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (process.stdout.write(chunk)) callback();
      else process.stdout.once('drain', () => callback());
    },
  });
}

/** Live tail until Ctrl+C; a stream that does not exist yet (a run just launched) is waited for. */
async function follow(
  logs: Logs,
  group: string,
  stream: string,
  startTime: number,
  filterPattern: string | undefined,
): Promise<void> {
  await untilInterrupted(async (signal) => {
    for await (const item of logs.tail(group, stream, { startTime, signal, filterPattern })) {
      if (item.kind === 'event') process.stdout.write(`${escapeControl(item.event.message.replace(/\r?\n$/, ''))}\n`);
      else if (item.kind === 'mode') {
        process.stderr.write(
          `${t(item.mode === 'live' ? 'cli.getLog.followLive' : 'cli.getLog.followPolling', { reason: item.reason ? ` (${item.reason})` : '' })}\n`,
        );
      } else process.stderr.write(`${t('cli.getLog.followReconnecting', { reason: item.reason })}\n`);
    }
  });
}
