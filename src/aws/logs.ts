// CloudWatch Logs behind a small interface: ensure group/streams, batched writes, complete paged reads,
// newest-first stream listing and a live tail that falls back to polling.
import { logsSdk } from './sdk';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { awsErrorName } from './awsErrors';
import { LogBatcher, type BatcherOptions, type PendingEvent } from './logBatcher';
import { searchError } from './logSearch';
import { TailCursor } from './tailCursor';
import { delay as sleep } from '../core/delay';

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime?: number;
}

export interface StreamInfo {
  name: string;
  creationTime?: number;
  firstEventTime?: number;
  lastEventTime?: number;
}

/** Milliseconds since the epoch; `end` is exclusive, as in GetLogEvents. */
interface TimeWindow {
  start?: number;
  end?: number;
}

export type TailItem =
  | { kind: 'event'; event: LogEvent }
  | { kind: 'mode'; mode: 'live' | 'polling'; reason?: string }
  | { kind: 'reconnecting'; reason: string };

interface TailOptions {
  /** Show events from this time on (default: now). */
  startTime?: number;
  signal?: AbortSignal;
  pollIntervalMs?: number;
  /** Skip StartLiveTail altogether. */
  pollOnly?: boolean;
  /** Dropped live sessions in a row before giving up on live tail and polling instead. */
  maxReconnects?: number;
  /**
   * Only events matching this CloudWatch filter pattern: StartLiveTail's logEventFilterPattern while live, and
   * FilterLogEvents with the same filterPattern for the history and when polling (StartLiveTail API reference).
   */
  filterPattern?: string;
}

export interface Logs {
  ensureGroup(group: string): Promise<void>;
  ensureStream(group: string, stream: string): Promise<void>;
  put(group: string, stream: string, events: PendingEvent[]): Promise<void>;
  batcher(group: string, stream: string, options?: BatcherOptions): LogBatcher;
  read(group: string, stream: string, window?: TimeWindow): AsyncIterable<LogEvent>;
  streamExists(group: string, stream: string): Promise<boolean>;
  listStreams(group: string): AsyncIterable<StreamInfo>;
  tail(group: string, stream: string, options?: TailOptions): AsyncIterable<TailItem>;
}

class LiveTailNotStreamed extends Error {
  override name = 'LiveTailNotStreamed';
  constructor() {
    super('StartLiveTail answered without an event stream');
  }
}

/** A first StartLiveTail answer that is not a session: anything but the errors that mean "retry" or "stop". */
function isNotLiveTailAnswer(e: unknown): boolean {
  return ![
    'ResourceNotFoundException',
    'InvalidParameterException',
    'ThrottlingException',
    'LimitExceededException',
  ].includes(awsErrorName(e));
}

/** StartLiveTail is missing from the account's permissions or from the endpoint: poll instead. */
function isLiveTailUnavailable(e: unknown): boolean {
  const name = awsErrorName(e);
  if (
    [
      'AccessDeniedException',
      'UnknownOperationException',
      'InvalidOperationException',
      'UnrecognizedClientException',
      'NotImplemented',
      'UnsupportedOperationException',
    ].includes(name)
  )
    return true;
  const status = (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 403 || status === 404 || status === 501;
}

export class CloudWatchLogs implements Logs {
  private readonly knownStreams = new Set<string>();

  constructor(private readonly client: CloudWatchLogsClient) {}

  async ensureGroup(group: string): Promise<void> {
    try {
      await this.client.send(new (logsSdk().CreateLogGroupCommand)({ logGroupName: group }));
    } catch (e) {
      if (awsErrorName(e) !== 'ResourceAlreadyExistsException') throw e;
    }
  }

  async ensureStream(group: string, stream: string): Promise<void> {
    try {
      await this.client.send(new (logsSdk().CreateLogStreamCommand)({ logGroupName: group, logStreamName: stream }));
    } catch (e) {
      if (awsErrorName(e) !== 'ResourceAlreadyExistsException') throw e;
    }
    this.knownStreams.add(`${group}\u0000${stream}`);
  }

  /** Sends events in as few calls as the limits allow; creates the stream when it is missing. */
  async put(group: string, stream: string, events: PendingEvent[]): Promise<void> {
    const b = this.batcher(group, stream, { flushAfterMs: 0 });
    for (const e of events) b.add(e.message, e.timestamp);
    await b.close();
  }

  batcher(group: string, stream: string, options: BatcherOptions = {}): LogBatcher {
    return new LogBatcher((events) => this.sendBatch(group, stream, events), options);
  }

  private async sendBatch(group: string, stream: string, events: PendingEvent[]): Promise<void> {
    const command = new (logsSdk().PutLogEventsCommand)({
      logGroupName: group,
      logStreamName: stream,
      logEvents: events,
    });
    try {
      await this.client.send(command);
    } catch (e) {
      // A stream that does not exist yet is created once; the same batch is then sent again.
      if (awsErrorName(e) !== 'ResourceNotFoundException') throw e;
      await this.ensureStream(group, stream);
      await this.client.send(command);
    }
  }

  /** Every event of the stream in the window, oldest first, one page in memory at a time. */
  async *read(group: string, stream: string, window: TimeWindow = {}): AsyncIterable<LogEvent> {
    let token: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new (logsSdk().GetLogEventsCommand)({
          logGroupName: group,
          logStreamName: stream,
          startTime: window.start,
          endTime: window.end,
          startFromHead: true,
          nextToken: token,
        }),
      );
      for (const e of page.events ?? []) {
        yield { timestamp: e.timestamp ?? 0, message: e.message ?? '', ingestionTime: e.ingestionTime };
      }
      // At the end of a stream GetLogEvents hands back the token it was given.
      if (!page.nextForwardToken || page.nextForwardToken === token) return;
      token = page.nextForwardToken;
    }
  }

  /** The stream's events from `start` on that match `pattern`, oldest first, every page (FilterLogEvents). */
  private async *readFiltered(group: string, stream: string, start: number, pattern: string): AsyncIterable<LogEvent> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new (logsSdk().FilterLogEventsCommand)({
            logGroupName: group,
            logStreamNames: [stream],
            startTime: start,
            filterPattern: pattern,
            nextToken: token,
          }),
        );
      } catch (e) {
        throw searchError(e, pattern);
      }
      for (const e of page.events ?? []) {
        yield { timestamp: e.timestamp ?? 0, message: e.message ?? '', ingestionTime: e.ingestionTime };
      }
      // An empty page with a token is not the end: only a missing token is.
      token = page.nextToken;
    } while (token);
  }

  async streamExists(group: string, stream: string): Promise<boolean> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new (logsSdk().DescribeLogStreamsCommand)({
          logGroupName: group,
          logStreamNamePrefix: stream,
          nextToken: token,
        }),
      );
      if ((page.logStreams ?? []).some((s) => s.logStreamName === stream)) return true;
      token = page.nextToken;
    } while (token);
    return false;
  }

  async *listStreams(group: string): AsyncIterable<StreamInfo> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new (logsSdk().DescribeLogStreamsCommand)({
          logGroupName: group,
          orderBy: 'LastEventTime',
          descending: true,
          nextToken: token,
        }),
      );
      for (const s of page.logStreams ?? []) {
        if (!s.logStreamName) continue;
        yield {
          name: s.logStreamName,
          creationTime: s.creationTime,
          firstEventTime: s.firstEventTimestamp,
          lastEventTime: s.lastEventTimestamp,
        };
      }
      token = page.nextToken;
    } while (token);
  }

  /** StartLiveTail wants the group's ARN; fall back to the name where there is none (emulators). */
  private async groupIdentifier(group: string): Promise<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new (logsSdk().DescribeLogGroupsCommand)({ logGroupNamePrefix: group, nextToken: token }),
      );
      const found = (page.logGroups ?? []).find((g) => g.logGroupName === group);
      if (found) return found.logGroupArn ?? found.arn?.replace(/:\*$/, '') ?? group;
      token = page.nextToken;
    } while (token);
    throw Object.assign(new Error(`The log group ${group} does not exist.`), { name: 'ResourceNotFoundException' });
  }

  async *tail(group: string, stream: string, options: TailOptions = {}): AsyncIterable<TailItem> {
    const signal = options.signal;
    const cursor = new TailCursor(options.startTime ?? Date.now());
    const pollIntervalMs = options.pollIntervalMs ?? 2000;
    const maxReconnects = options.maxReconnects ?? 5;
    const filterPattern = options.filterPattern?.trim() || undefined;
    let live = !options.pollOnly;
    let dropped = 0;
    // Whether any Live Tail session ever delivered a frame: until one has, a failure means this endpoint does not
    // speak Live Tail's event stream (an emulator or proxy answering plain JSON), so polling starts at once rather
    // than after maxReconnects backed-off retries (get-log-stream --follow must show events within seconds).
    let streamed = false;
    const catchUp = async function* (this: CloudWatchLogs): AsyncIterable<TailItem> {
      cursor.newPass();
      try {
        const events = filterPattern
          ? this.readFiltered(group, stream, cursor.resumeFrom(), filterPattern)
          : this.read(group, stream, { start: cursor.resumeFrom() });
        for await (const event of events) {
          if (cursor.accept(event)) yield { kind: 'event', event };
        }
      } catch (e) {
        // A run's stream appears only once its machine writes: until then there is simply nothing to show.
        if (awsErrorName(e) !== 'ResourceNotFoundException') throw e;
      }
    }.bind(this);
    // The group, unlike the stream, must exist: fail now rather than poll an empty nothing forever.
    const identifier = await this.groupIdentifier(group);

    if (!live) yield { kind: 'mode', mode: 'polling' };
    while (!signal?.aborted) {
      if (!live) {
        yield* catchUp();
        await sleep(pollIntervalMs, signal);
        continue;
      }
      try {
        const session = await this.client.send(
          new (logsSdk().StartLiveTailCommand)({
            logGroupIdentifiers: [identifier],
            logStreamNames: [stream],
            logEventFilterPattern: filterPattern,
          }),
          { abortSignal: signal },
        );
        if (!session.responseStream) throw new LiveTailNotStreamed();
        const frames = session.responseStream[Symbol.asyncIterator]();
        try {
          // A real session opens with a sessionStart frame (StartLiveTail API reference). Until one has come, this
          // answer is not known to be Live Tail: nothing is called live, and no history shown, before it.
          let frame = await frames.next();
          if (frame.done) throw new LiveTailNotStreamed();
          streamed = true;
          yield { kind: 'mode', mode: 'live' };
          // Read history only once the session is open: whatever arrives meanwhile waits in the session's
          // stream, and the cursor drops what both deliver.
          yield* catchUp();
          cursor.newPass();
          for (; !frame.done; frame = await frames.next()) {
            if (signal?.aborted) return;
            const item = frame.value;
            if (item.sessionUpdate) {
              dropped = 0;
              for (const r of item.sessionUpdate.sessionResults ?? []) {
                if (r.logStreamName !== undefined && r.logStreamName !== stream) continue;
                const event = { timestamp: r.timestamp ?? 0, message: r.message ?? '', ingestionTime: r.ingestionTime };
                if (cursor.accept(event)) yield { kind: 'event', event };
              }
            } else if (item.SessionStreamingException) {
              throw item.SessionStreamingException;
            } else if (item.SessionTimeoutException) {
              break; // sessions end after three hours: open a new one
            }
          }
        } finally {
          // As for-await would: a session left early (its timeout, an abort, an error frame) is closed, not leaked.
          void frames.return?.(undefined).catch(() => undefined);
        }
      } catch (e) {
        if (signal?.aborted) return;
        if (isLiveTailUnavailable(e) || (!streamed && isNotLiveTailAnswer(e))) {
          live = false;
          yield { kind: 'mode', mode: 'polling', reason: awsErrorName(e) || String(e) };
          continue;
        }
        if (awsErrorName(e) === 'ResourceNotFoundException') throw e;
        // A refused filter pattern stays refused: reconnecting would only repeat it.
        if (awsErrorName(e) === 'InvalidParameterException') throw searchError(e, filterPattern ?? '');
        dropped++;
        if (dropped > maxReconnects) {
          live = false;
          yield { kind: 'mode', mode: 'polling', reason: awsErrorName(e) || String(e) };
          continue;
        }
        yield { kind: 'reconnecting', reason: awsErrorName(e) || String(e) };
        await sleep(Math.min(10_000, 500 * 2 ** (dropped - 1)), signal);
      }
    }
  }
}
