// Wall clocks of IANA time zones, from Intl alone (no zone database of our own). Santiago's clock
// (santiagoTime.ts) and the sandbox's EventBridge Scheduler (a schedule's ScheduleExpressionTimezone) both read
// through here, so a clock change is handled one way.

// One formatter a zone, made on first use: building one loads ICU's zone data, which nothing needs while the
// extension activates or a CLI command starts.
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields (year, month 1-12, day, hour, minute, second) of an instant in a zone. */
export function wallParts(utcMs: number, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(utcMs))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (negative west of Greenwich). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = wallParts(utcMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a wall-clock reading names, the reading given as the ms Date.UTC would give for its fields. As
 * Temporal's `disambiguation: 'compatible'` (TC39 Temporal, ZonedDateTime.from): an hour the clocks repeat gives
 * its first instant, and a reading the clocks skip is taken with the offset before the jump (the later instant).
 */
export function wallClockToUtc(wallMs: number, timeZone: string): number {
  // A reading is within 14 hours of the instant it names, so the offsets a day either side are the ones before
  // and after any clock change that could touch it (zones do not change twice in two days).
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  const readsBack = [wallMs - before, wallMs - after].filter((t) => t + zoneOffsetMs(t, timeZone) === wallMs);
  return readsBack.length > 0 ? Math.min(...readsBack) : wallMs - before;
}

const DAY_MS = 86_400_000;
