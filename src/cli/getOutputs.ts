// get-outputs D [--to D2] [-o DIR] | get-outputs D --link [--expires 1h]: each day's D.zip (+ manifest) streamed
// into DIR, resumable and never overwriting; or a presigned link to one day's zip.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatSize } from '../core/calendarText';
import { eachDate, parseDateRange } from '../core/dates';
import { parseExpiry } from '../core/downloadPlan';
import { InputError } from '../core/errors';
import { locale, t } from '../core/i18n';
import { downloadOutputs, type OutputEvent } from '../aws/outputDownload';
import { shareLink } from '../aws/shareLink';
import { withAws } from './awsContext';
import { loadCliConfig } from './program';

interface OutputsOptions {
  to?: string;
  output?: string;
  link?: boolean;
  expires: string;
}

export function register(program: Command): void {
  program
    .command('get-outputs')
    .description(t('diagnose.cli.outputs.description'))
    .argument('<date>', t('diagnose.cli.outputs.date'))
    .option('--to <date>', t('diagnose.cli.outputs.to'))
    .option('-o, --output <dir>', t('diagnose.cli.outputs.dir'))
    .option('--link', t('diagnose.cli.outputs.link'))
    .option('--expires <duration>', t('diagnose.cli.outputs.expires'), '1h')
    .action(async (date: string, options: OutputsOptions, cmd: Command) => {
      const range = parseDateRange(date, options.to);
      if (options.link) {
        if (options.to !== undefined && options.to !== date) throw new InputError(t('diagnose.outputs.linkOneDay'));
        const seconds = parseExpiry(options.expires);
        if (seconds === undefined) throw new InputError(t('diagnose.outputs.badExpires', { value: options.expires }));
        const config = await loadCliConfig(cmd);
        const link = await withAws(config, (aws) =>
          shareLink(aws.clients.s3, aws.storage, config.outputBucket, range.from, seconds),
        );
        process.stdout.write(`${link.url}\n`);
        process.stderr.write(
          `${t('diagnose.outputs.linkValid', { file: link.key, until: link.expiresAt.toLocaleString(locale()) })}\n`,
        );
        return;
      }
      const config = await loadCliConfig(cmd);
      const folder = resolve(options.output ?? '.');
      await mkdir(folder, { recursive: true });
      const summary = await withAws(config, (aws) =>
        downloadOutputs(aws.storage, config.outputBucket, eachDate(range), folder, {
          onEvent: (e) => process.stderr.write(`${eventLine(e, config.outputBucket)}\n`),
        }),
      );
      process.stderr.write(
        `${t('diagnose.outputs.summary', {
          downloaded: summary.downloaded.length,
          skipped: summary.skipped.length,
          missing: summary.missing.length,
        })}\n`,
      );
      for (const file of summary.downloaded) process.stdout.write(`${file}\n`);
    });
}

function eventLine(e: OutputEvent, bucket: string): string {
  switch (e.kind) {
    case 'missing':
      return t('diagnose.outputs.missing', { date: e.date, file: e.key, bucket });
    case 'skipped':
      return t('diagnose.outputs.skipped', { file: e.file });
    case 'kept':
      return t('diagnose.outputs.existsDifferent', { file: e.file });
    case 'resuming':
      return t('diagnose.outputs.resuming', { file: e.file, done: formatSize(e.done), total: formatSize(e.total) });
    case 'restarting':
      return t('diagnose.outputs.changed', { file: e.file });
    case 'progress':
      return t('diagnose.outputs.progress', {
        file: e.file,
        done: formatSize(e.done),
        total: formatSize(e.total),
        percent: e.total ? Math.floor((100 * e.done) / e.total) : 100,
      });
    case 'saved':
      return t('diagnose.outputs.saved', { file: e.file, size: formatSize(e.size) });
  }
}
