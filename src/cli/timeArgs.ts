// The time arguments of the log commands, all read by the core's time bounds (src/core/timeRange.ts): a date
// means that day in Santiago (the users' and the log lines' time zone), a date-time without zone is Santiago's
// wall clock, one with a zone is taken as it is, and a duration (2h, 3d) counts back from now.
import { Option } from 'commander';
import { t } from '../core/i18n';
import { parseTimeBound } from '../core/timeRange';

/** Start of the window (-s of get-log-stream): a date's first millisecond, or the exact instant given. */
export function parseStart(text: string, option: string, now?: number): number {
  return parseTimeBound(text, option, 'start', now);
}

/** End of the window, exclusive (-e): a date counts whole (up to the next day's start), an instant as given. */
export function parseEndExclusive(text: string, option: string, now?: number): number {
  return parseTimeBound(text, option, 'end', now);
}

/** --since and --until of search-logs and insights, as parseTimeWindow takes them. */
export interface TimeWindowOptions {
  since?: string;
  until?: string;
}

export const sinceOption = (defaultSince: string): Option =>
  new Option('--since <time>', t('logsearch.cmd.since')).default(defaultSince);

export const untilOption = (): Option => new Option('--until <time>', t('logsearch.cmd.until'));
