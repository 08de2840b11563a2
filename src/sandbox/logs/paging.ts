// GetLogEvents / FilterLogEvents paging with the service's exact token rules. Tokens name a position in the
// stream; at the end of a stream GetLogEvents hands back the very forward token it was given ("caught up").
import { compileFilterPattern, type Matcher } from './filterPattern';
import { LogsError, lowerBound, PUT_LIMITS, type LogStream, type StoredEvent } from './store';

const MAX_PAGE_EVENTS = 10_000;
const MAX_PAGE_BYTES = 1_048_576;

interface GetEventsRequest {
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
}

interface GetEventsPage {
  events: StoredEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

export function getEventsPage(stream: LogStream, r: GetEventsRequest): GetEventsPage {
  const limit = checkLimit(r.limit, MAX_PAGE_EVENTS);
  const events = stream.events;
  const lo = r.startTime === undefined ? 0 : lowerBound(events, r.startTime);
  const hi = r.endTime === undefined ? events.length : Math.max(lo, lowerBound(events, r.endTime));
  const token = r.nextToken === undefined ? undefined : parseToken(r.nextToken);
  const clamp = (p: number): number => Math.min(hi, Math.max(lo, p));

  let forward: boolean;
  let at: number;
  if (token) {
    forward = token.direction === 'f';
    at = clamp(token.position);
  } else {
    forward = r.startFromHead === true;
    at = forward ? lo : hi;
  }

  if (forward) {
    let end = at;
    let bytes = 0;
    while (end < hi && end - at < limit) {
      bytes += eventBytes(events[end] as StoredEvent);
      if (bytes > MAX_PAGE_BYTES) break;
      end++;
    }
    const page = events.slice(at, end);
    return {
      events: page,
      nextForwardToken:
        page.length === 0 && r.nextToken && token?.direction === 'f' ? r.nextToken : makeToken('f', end),
      nextBackwardToken: makeToken('b', at),
    };
  }
  let start = at;
  let bytes = 0;
  while (start > lo && at - start < limit) {
    bytes += eventBytes(events[start - 1] as StoredEvent);
    if (bytes > MAX_PAGE_BYTES) break;
    start--;
  }
  const page = events.slice(start, at);
  return {
    events: page,
    nextForwardToken: makeToken('f', at),
    nextBackwardToken:
      page.length === 0 && r.nextToken && token?.direction === 'b' ? r.nextToken : makeToken('b', start),
  };
}

interface FilterRequest {
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
}

interface FilteredEvent extends StoredEvent {
  logStreamName: string;
  eventId: string;
}

/** At most this many events are examined per call, so a sparse match returns empty pages with a token, as AWS does. */
const FILTER_SCAN_BUDGET = 10_000;

export function filterEventsPage(
  streams: readonly LogStream[],
  r: FilterRequest,
): { events: FilteredEvent[]; nextToken?: string } {
  const limit = checkLimit(r.limit, MAX_PAGE_EVENTS);
  const candidates: Array<{ stream: LogStream; index: number }> = [];
  for (const stream of streams) {
    const lo = r.startTime === undefined ? 0 : lowerBound(stream.events, r.startTime);
    // FilterLogEvents' endTime is inclusive ("events with a timestamp later than this time are not returned"),
    // unlike GetLogEvents'.
    const hi = r.endTime === undefined ? stream.events.length : lowerBound(stream.events, r.endTime + 1);
    for (let i = lo; i < hi; i++) candidates.push({ stream, index: i });
  }
  if (streams.length > 1) {
    candidates.sort((a, b) => {
      const d =
        (a.stream.events[a.index] as StoredEvent).timestamp - (b.stream.events[b.index] as StoredEvent).timestamp;
      if (d !== 0) return d;
      if (a.stream.name !== b.stream.name) return a.stream.name < b.stream.name ? -1 : 1;
      return a.index - b.index;
    });
  }
  const offset = r.nextToken === undefined ? 0 : parseFilterToken(r.nextToken);
  const matcher = compilePattern(r.filterPattern ?? '');
  const out: FilteredEvent[] = [];
  let bytes = 0;
  let i = offset;
  const scanEnd = Math.min(candidates.length, offset + FILTER_SCAN_BUDGET);
  for (; i < scanEnd && out.length < limit; i++) {
    const c = candidates[i] as { stream: LogStream; index: number };
    const e = c.stream.events[c.index] as StoredEvent;
    if (!matcher(e.message)) continue;
    bytes += eventBytes(e);
    if (bytes > MAX_PAGE_BYTES) break;
    out.push({ ...e, logStreamName: c.stream.name, eventId: `${e.timestamp}${String(c.index).padStart(12, '0')}` });
  }
  const nextToken = i < candidates.length ? Buffer.from(`filter:${i}`).toString('base64') : undefined;
  return { events: out, nextToken };
}

/** The documented filter-pattern syntax (filterPattern.ts); kept under this name for the paging callers. */
export function compilePattern(pattern: string): Matcher {
  return compileFilterPattern(pattern);
}

function eventBytes(e: StoredEvent): number {
  return Buffer.byteLength(e.message, 'utf8') + PUT_LIMITS.perEventOverhead;
}

function checkLimit(limit: number | undefined, max: number): number {
  if (limit === undefined) return max;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return limit;
}

function makeToken(direction: 'f' | 'b', position: number): string {
  return `${direction}/${String(position).padStart(56, '0')}/s`;
}

function parseToken(token: string): { direction: 'f' | 'b'; position: number } {
  const m = /^([fb])\/(\d{56})\/s$/.exec(token);
  if (!m) throw new LogsError('InvalidParameterException', 'The specified nextToken is invalid.');
  return { direction: m[1] as 'f' | 'b', position: Number(m[2]) };
}

function parseFilterToken(token: string): number {
  const m = /^filter:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw new LogsError('InvalidParameterException', 'The specified nextToken is invalid.');
  return Number(m[1]);
}
