// Calendar dates typed by the user are days in Santiago (where ADATRAP's logs and data live), not UTC days.
const TIME_ZONE = 'America/Santiago';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function localParts(utcMs: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(utcMs)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

function zoneOffsetMs(utcMs: number): number {
  const p = localParts(utcMs);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}

function localDate(utcMs: number): string {
  const p = localParts(utcMs);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
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
