// The times users type for log windows (--since/--until of search-logs, insights and get-log-stream, and the
// extension's custom range): a duration back from now (`15m`, `2h`, `3d`, `1w`, as `aws logs tail --since`
// and awslogs take them), a Santiago calendar day, a Santiago wall-clock date-time, or an ISO instant with zone.
import { addDays, isIsoDate } from './dates';
import { InputError } from './errors';
import { t } from './i18n';
import { santiagoDayStart, santiagoWallTime } from './santiagoTime';

/** search-logs' window without --since (and the extension's Search Logs): the last day, as `aws logs tail`. */
export const DEFAULT_SEARCH_SINCE = '1d';
/** An Insights query's window without --since (CLI and extension alike): the last 7 days. */
export const DEFAULT_INSIGHTS_SINCE = '7d';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^(\d{1,6})\s*([smhdw])$/;
const WALL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

type TimeBound = 'start' | 'end';

/**
 * Milliseconds since the epoch for a window bound. `end` is exclusive: a day counts whole (up to the next day's
 * start) and an instant is included (+1 ms). A duration is back from `now` for either bound.
 */
export function parseTimeBound(text: string, option: string, bound: TimeBound, now = Date.now()): number {
  const value = text.trim();
  const relative = RELATIVE.exec(value);
  if (relative) return now - Number(relative[1]) * (UNIT_MS[relative[2] as string] as number);
  if (isIsoDate(value)) return santiagoDayStart(bound === 'start' ? value : addDays(value, 1));
  const wall = WALL_TIME.exec(value);
  let instant = Number.NaN;
  if (wall && isIsoDate(wall[1] as string) && validClock(wall[2] as string)) {
    instant = santiagoWallTime(wall[1] as string, wall[2] as string);
  } else if (WITH_ZONE.test(value)) instant = Date.parse(value);
  if (Number.isNaN(instant)) throw new InputError(t('logsearch.time.bad', { option, text }));
  return bound === 'end' ? instant + 1 : instant;
}

export interface TimeWindowMs {
  start: number;
  end: number;
}

/** --since (default: `defaultSince` back from now) and --until (default: now); a reversed window is an InputError. */
export function parseTimeWindow(
  since: string | undefined,
  until: string | undefined,
  defaultSince: string,
  now = Date.now(),
): TimeWindowMs {
  const start = parseTimeBound(since ?? defaultSince, '--since', 'start', now);
  const end = until === undefined ? now + 1 : parseTimeBound(until, '--until', 'end', now);
  if (end <= start)
    throw new InputError(t('logsearch.time.reversed', { since: since ?? defaultSince, until: until ?? '' }));
  return { start, end };
}

function validClock(time: string): boolean {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  return h < 24 && m < 60 && s < 60;
}
