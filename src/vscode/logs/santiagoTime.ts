// Calendar dates typed by the user are days in Santiago (where ADATRAP's logs and data live), not UTC days.
const TIME_ZONE = 'America/Santiago';

function zoneOffsetMs(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utcMs);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a Santiago calendar day (YYYY-MM-DD) begins, in ms since the epoch. */
export function santiagoDayStart(date: string): number {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const first = midnightUtc - zoneOffsetMs(midnightUtc);
  // Across a DST change the offset at the guess and at the answer differ: the second one is right.
  const second = midnightUtc - zoneOffsetMs(first);
  return second;
}
