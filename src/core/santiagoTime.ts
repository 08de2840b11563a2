// Santiago's wall clock: the time of the users, of ADATRAP's log lines and of its data. Calendar dates typed by
// the user are days in Santiago, not UTC days. One formatter for the CLI, the agent and the extension.
import { wallClockToUtc, wallParts, zoneOffsetMs as offsetIn } from './zonedTime';

export const SANTIAGO_TIME_ZONE = 'America/Santiago';

const localParts = (utcMs: number): Record<string, number> => wallParts(utcMs, SANTIAGO_TIME_ZONE);
const zoneOffsetMs = (utcMs: number): number => offsetIn(utcMs, SANTIAGO_TIME_ZONE);

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
  return wallClockToUtc(Date.parse(`${date}T00:00:00Z`) + ((h * 60 + m) * 60 + s) * 1000, SANTIAGO_TIME_ZONE);
}
