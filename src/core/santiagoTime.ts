// Santiago's wall clock: the time of the users, of ADATRAP's log lines and of its data. Calendar dates typed by
// the user are days in Santiago, not UTC days. One formatter for the CLI, the agent and the extension.
export const SANTIAGO_TIME_ZONE = 'America/Santiago';

// Made on first use: building a formatter for a time zone loads ICU's zone data, which nothing needs while the
// extension activates or a CLI command starts.
let formatter: Intl.DateTimeFormat | undefined;
const santiagoFormatter = (): Intl.DateTimeFormat =>
  (formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: SANTIAGO_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }));

function localParts(utcMs: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of santiagoFormatter().formatToParts(utcMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

function zoneOffsetMs(utcMs: number): number {
  const p = localParts(utcMs);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function localDate(utcMs: number): string {
  const p = localParts(utcMs);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD HH:MM:SS` on Santiago's wall clock. */
export function santiagoTimestamp(when: Date): string {
  const p = localParts(when.getTime());
  return `${localDate(when.getTime())} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * The first instant of a Santiago calendar day (YYYY-MM-DD), in ms since the epoch. Chile moves its clocks at
 * midnight, so a day may start at 01:00 (September) or after a repeated hour (April): of the instants the two
 * offsets around midnight give, the earliest that falls on that day is its start.
 */
export function santiagoDayStart(date: string): number {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const before = midnightUtc - zoneOffsetMs(midnightUtc);
  const after = midnightUtc - zoneOffsetMs(before);
  const candidates = [before, after].filter((t) => localDate(t) === date).sort((a, b) => a - b);
  return candidates[0] ?? before;
}

/**
 * The instant a Santiago wall-clock date and time (YYYY-MM-DD, HH:MM[:SS]) names. A time the clocks skip (the
 * September jump) is read with the offset before the jump; a repeated hour (April) gives its first instant.
 */
export function santiagoWallTime(date: string, time: string): number {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  const wall = Date.parse(`${date}T00:00:00Z`) + ((h * 60 + m) * 60 + s) * 1000;
  const first = wall - zoneOffsetMs(wall);
  const second = wall - zoneOffsetMs(first);
  const candidates = [first, second].filter((t) => t + zoneOffsetMs(t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? first;
}
