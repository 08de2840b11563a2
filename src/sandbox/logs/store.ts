// CloudWatch Logs data in memory: groups, streams, events kept in timestamp order, with the service's limits.
export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStream {
  name: string;
  creationTime: number;
  events: StoredEvent[];
  lastIngestionTime?: number;
  storedBytes: number;
}

interface LogGroup {
  name: string;
  creationTime: number;
  streams: Map<string, LogStream>;
}

export type LogsErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'InvalidParameterException'
  | 'AccessDeniedException'
  | 'ThrottlingException'
  | 'ServiceUnavailableException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'LimitExceededException'
  | 'MalformedQueryException';

/**
 * Events one stream keeps in the sandbox's memory. CloudWatch Logs has no such limit (events live until the
 * retention deletes them); the sandbox refuses more with LimitExceededException rather than grow without bound.
 */
export const MAX_EVENTS_PER_STREAM = 1_000_000;

export class LogsError extends Error {
  constructor(
    readonly code: LogsErrorCode,
    message: string,
    /** Extra members of the error body (MalformedQueryException's queryCompileError). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** PutLogEvents limits, as documented and enforced by the real service. */
export const PUT_LIMITS = {
  maxEvents: 10_000,
  maxBatchBytes: 1_048_576,
  perEventOverhead: 26,
  maxEventBytes: 1_048_576 - 26,
  maxSpanMs: 24 * 60 * 60 * 1000,
} as const;

type IngestListener = (group: string, stream: string, events: readonly StoredEvent[]) => void;

export class LogsStore {
  private readonly groups = new Map<string, LogGroup>();
  private readonly listeners = new Set<IngestListener>();

  /** `maxEventsPerStream` is lowered only by tests (filling a million events to see the refusal is slow). */
  constructor(private readonly maxEventsPerStream: number = MAX_EVENTS_PER_STREAM) {}

  createGroup(name: string): void {
    if (this.groups.has(name))
      throw new LogsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    this.groups.set(name, { name, creationTime: Date.now(), streams: new Map() });
  }

  /** For loading a saved sandbox: a group as it was. */
  restoreGroup(name: string, creationTime: number): void {
    if (!this.groups.has(name)) this.groups.set(name, { name, creationTime, streams: new Map() });
  }

  restoreStream(groupName: string, stream: Omit<LogStream, 'storedBytes'>): void {
    const storedBytes = stream.events.reduce((n, e) => n + Buffer.byteLength(e.message, 'utf8'), 0);
    this.group(groupName).streams.set(stream.name, { ...stream, storedBytes });
  }

  deleteGroup(name: string): void {
    this.group(name);
    this.groups.delete(name);
  }

  createStream(groupName: string, name: string): void {
    const group = this.group(groupName);
    if (group.streams.has(name))
      throw new LogsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    group.streams.set(name, { name, creationTime: Date.now(), events: [], storedBytes: 0 });
  }

  deleteStream(groupName: string, name: string): void {
    this.stream(groupName, name);
    this.group(groupName).streams.delete(name);
  }

  allGroups(): LogGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }

  group(name: string): LogGroup {
    const group = this.groups.get(name);
    if (!group) throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  }

  stream(groupName: string, name: string): LogStream {
    const stream = this.group(groupName).streams.get(name);
    if (!stream) throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    return stream;
  }

  /** Validates a batch like PutLogEvents does and stores it; returns the ingestion time. */
  put(groupName: string, streamName: string, events: ReadonlyArray<{ timestamp: number; message: string }>): number {
    const stream = this.stream(groupName, streamName);
    validateBatch(events);
    if (stream.events.length + events.length > this.maxEventsPerStream) {
      throw new LogsError(
        'LimitExceededException',
        `The sandbox keeps at most ${this.maxEventsPerStream} events per log stream; ${streamName} is full.`,
      );
    }
    const ingestionTime = Date.now();
    const stored = events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime }));
    const lastStored = stream.events[stream.events.length - 1];
    const first = stored[0];
    if (!lastStored || !first || first.timestamp >= lastStored.timestamp) {
      for (const e of stored) stream.events.push(e);
    } else {
      // A batch older than what is stored: merge (stable), readers always see timestamp order.
      stream.events = mergeByTimestamp(stream.events, stored);
    }
    for (const e of stored) stream.storedBytes += Buffer.byteLength(e.message, 'utf8');
    stream.lastIngestionTime = ingestionTime;
    for (const listener of this.listeners) listener(groupName, streamName, stored);
    return ingestionTime;
  }

  onIngest(listener: IngestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function validateBatch(events: ReadonlyArray<{ timestamp: number; message: string }>): void {
  if (events.length === 0) {
    throw new LogsError(
      'InvalidParameterException',
      "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (events.length > PUT_LIMITS.maxEvents) {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${PUT_LIMITS.maxEvents}`,
    );
  }
  let bytes = 0;
  let previous = -Infinity;
  for (const e of events) {
    if (typeof e.timestamp !== 'number' || !Number.isInteger(e.timestamp) || typeof e.message !== 'string') {
      throw new LogsError('InvalidParameterException', 'Each log event needs an integer timestamp (ms) and a message.');
    }
    if (e.message.length === 0) {
      throw new LogsError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'logEvents.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    if (e.timestamp < previous) {
      throw new LogsError(
        'InvalidParameterException',
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
    previous = e.timestamp;
    const size = Buffer.byteLength(e.message, 'utf8');
    if (size > PUT_LIMITS.maxEventBytes) {
      throw new LogsError(
        'InvalidParameterException',
        `Log event too large: ${size} bytes exceeds limit of ${PUT_LIMITS.maxEventBytes}`,
      );
    }
    bytes += size + PUT_LIMITS.perEventOverhead;
  }
  if (bytes > PUT_LIMITS.maxBatchBytes) {
    throw new LogsError(
      'InvalidParameterException',
      `Upload too large: ${bytes} bytes exceeds limit of ${PUT_LIMITS.maxBatchBytes}`,
    );
  }
  const span = (events[events.length - 1]?.timestamp ?? 0) - (events[0]?.timestamp ?? 0);
  if (span > PUT_LIMITS.maxSpanMs) {
    throw new LogsError(
      'InvalidParameterException',
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
}

function mergeByTimestamp(a: StoredEvent[], b: StoredEvent[]): StoredEvent[] {
  const out: StoredEvent[] = new Array<StoredEvent>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as StoredEvent;
    const y = b[j] as StoredEvent;
    if (y.timestamp < x.timestamp) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as StoredEvent;
  while (j < b.length) out[k++] = b[j++] as StoredEvent;
  return out;
}

/** First index whose timestamp is >= t (events sorted by timestamp). */
export function lowerBound(events: readonly StoredEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as StoredEvent).timestamp < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
