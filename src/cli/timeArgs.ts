// -s/-e of get-log-stream: a date means that day in Santiago (the users' and the log lines' time zone);
// a full ISO date-time with a zone is taken as it is.
import { isIsoDate, addDays } from '../core/dates';
import { InputError } from '../core/errors';
import { t } from '../core/i18n';
import { LOG_TIME_ZONE } from '../core/logFormat';

const zoneParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LOG_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallClock(ms: number): Record<string, number> {
  const p: Record<string, number> = {};
  for (const part of zoneParts.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  return p;
}

/** How far the zone's wall clock is ahead of UTC at this instant (negative in Santiago). */
function zoneOffsetMs(ms: number): number {
  const p = wallClock(ms);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The first millisecond of `date` on Santiago's wall clock. Chile moves its clocks at midnight, so a day may
 * start at 01:00 (no midnight) or have midnight once after a repeated hour: try the offsets in force on either
 * side of the date and keep the earliest instant that falls on the date.
 */
export function santiagoDayStart(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  const offsets = new Set([zoneOffsetMs(utcMidnight - 12 * 3600_000), zoneOffsetMs(utcMidnight + 12 * 3600_000)]);
  const onDate = [...offsets]
    .map((offset) => utcMidnight - offset)
    .filter((ms) => {
      const p = wallClock(ms);
      return p.year === y && p.month === m && p.day === d;
    });
  return Math.min(...onDate);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Start of the window: a date's first millisecond, or the exact instant given. */
export function parseStart(text: string, option: string): number {
  if (isIsoDate(text)) return santiagoDayStart(text);
  return parseInstant(text, option);
}

/** End of the window, exclusive: a date counts whole (up to the next day's start), an instant as given. */
export function parseEndExclusive(text: string, option: string): number {
  if (isIsoDate(text)) return santiagoDayStart(addDays(text, 1));
  return parseInstant(text, option) + 1;
}

function parseInstant(text: string, option: string): number {
  const ms = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new InputError(t('cli.time.bad', { option, text }));
  return ms;
}
