// CloudWatch Logs, JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`).
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { groupNameOf, LiveTail, type LiveTailRequest } from './liveTail';
import { InsightsQueries } from './insights';
import { filterEventsPage, getEventsPage } from './paging';
import { LogsError, type LogsErrorCode, type LogsStore, type LogStream } from './store';

type Json = Record<string, unknown>;

const MAX_FILTER_STREAM_NAMES = 100;

export interface LogsIdentity {
  accountId: string;
  region: string;
  /**
   * Drop events over 2 h ahead or 14 days old into rejectedLogEventsInfo, as CloudWatch Logs does. Off by
   * default: the seeded days and many tests write 2020 timestamps on purpose (README, sandbox gaps).
   */
  rejectOutOfRangeEvents?: boolean;
}

export class LogsHandler {
  private readonly insights: InsightsQueries;

  constructor(
    private readonly store: LogsStore,
    private readonly faults: Faults,
    private readonly liveTail: LiveTail,
    private readonly identity: LogsIdentity,
  ) {
    this.insights = new InsightsQueries(store, identity.accountId);
  }

  async handle(ex: Exchange, operation: string): Promise<void> {
    let body: Json;
    try {
      const text = (await ex.readBody()).toString('utf8');
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Json;
    } catch {
      if (ex.req.socket.destroyed) return;
      return sendError(ex, 'SerializationException', 'The request body is not a JSON object.');
    }
    const group = groupOf(body);
    const stream = typeof body.logStreamName === 'string' ? body.logStreamName : undefined;
    const admitted = await ex.admit(
      this.faults,
      { service: 'logs', operation, logGroup: group, logStream: stream },
      logsErrorReply,
    );
    if (!admitted) return;
    try {
      if (operation === 'StartLiveTail') return await this.liveTail.serve(ex, body as LiveTailRequest);
      const result = this.dispatch(operation, body);
      await ex.send(200, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify(result));
    } catch (e) {
      if (e instanceof LogsError) return sendError(ex, e.code, e.message, e.details);
      if (ex.res.headersSent) return;
      return sendError(ex, 'ServiceUnavailableException', 'The service cannot complete the request.');
    }
  }

  private dispatch(operation: string, b: Json): Json {
    switch (operation) {
      case 'CreateLogGroup':
        this.store.createGroup(validName(requiredString(b, 'logGroupName'), 'logGroupName', GROUP_NAME));
        return {};
      case 'DeleteLogGroup':
        this.store.deleteGroup(requiredString(b, 'logGroupName'));
        return {};
      case 'CreateLogStream':
        this.store.createStream(
          requiredString(b, 'logGroupName'),
          validName(requiredString(b, 'logStreamName'), 'logStreamName', STREAM_NAME),
        );
        return {};
      case 'DeleteLogStream':
        this.store.deleteStream(requiredString(b, 'logGroupName'), requiredString(b, 'logStreamName'));
        return {};
      case 'DescribeLogGroups':
        return this.describeGroups(b);
      case 'DescribeLogStreams':
        return this.describeStreams(b);
      case 'PutLogEvents':
        return this.putEvents(b);
      case 'GetLogEvents':
        return this.getEvents(b);
      case 'FilterLogEvents':
        return this.filterEvents(b);
      case 'StartQuery':
        return this.insights.start(b);
      case 'GetQueryResults':
        return this.insights.results(b);
      case 'StopQuery':
        return this.insights.stop(b);
      default:
        throw new LogsError('UnknownOperationException', `The sandbox does not implement ${operation}.`);
    }
  }

  private describeGroups(b: Json): Json {
    const prefix = optionalString(b, 'logGroupNamePrefix') ?? '';
    const limit = pageLimit(b, 50);
    const all = this.store.allGroups().filter((g) => g.name.startsWith(prefix));
    const { page, nextToken } = paginate(all, optionalString(b, 'nextToken'), limit);
    return {
      logGroups: page.map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        metricFilterCount: 0,
        arn: `${this.groupArn(g.name)}:*`,
        logGroupArn: this.groupArn(g.name),
        storedBytes: [...g.streams.values()].reduce((n, s) => n + s.storedBytes, 0),
        logGroupClass: 'STANDARD',
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private describeStreams(b: Json): Json {
    const groupName = requiredGroup(b);
    const group = this.store.group(groupName);
    const orderBy = optionalString(b, 'orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      throw new LogsError('InvalidParameterException', "orderBy must be 'LogStreamName' or 'LastEventTime'.");
    }
    const prefix = optionalString(b, 'logStreamNamePrefix');
    if (prefix !== undefined && orderBy === 'LastEventTime') {
      throw new LogsError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const limit = pageLimit(b, 50);
    let streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
    streams.sort(orderBy === 'LastEventTime' ? (x, y) => lastEventTime(x) - lastEventTime(y) || byName(x, y) : byName);
    if (b.descending === true) streams = streams.reverse();
    const { page, nextToken } = paginate(streams, optionalString(b, 'nextToken'), limit);
    return {
      logStreams: page.map((s) => {
        const first = s.events[0];
        const last = s.events[s.events.length - 1];
        return {
          logStreamName: s.name,
          creationTime: s.creationTime,
          ...(first ? { firstEventTimestamp: first.timestamp } : {}),
          ...(last ? { lastEventTimestamp: last.timestamp } : {}),
          ...(s.lastIngestionTime !== undefined ? { lastIngestionTime: s.lastIngestionTime } : {}),
          arn: `${this.groupArn(groupName)}:log-stream:${s.name}`,
          storedBytes: 0,
        };
      }),
      ...(nextToken ? { nextToken } : {}),
    };
  }

  private putEvents(b: Json): Json {
    const events = b.logEvents;
    if (!Array.isArray(events)) throw new LogsError('InvalidParameterException', 'logEvents must be a list.');
    const batch = events.map((e: unknown) => {
      const ev = (typeof e === 'object' && e !== null ? e : {}) as Json;
      return { timestamp: ev.timestamp as number, message: ev.message as string };
    });
    // Events more than 2 hours ahead or older than 14 days are not stored but reported, by index, in
    // rejectedLogEventsInfo (CloudWatch Logs API Reference, PutLogEvents and RejectedLogEventsInfo:
    // tooOldLogEventEndIndex is exclusive, tooNewLogEventStartIndex inclusive; events are in time order).
    const now = Date.now();
    if (!this.identity.rejectOutOfRangeEvents) {
      this.store.put(requiredGroup(b), requiredString(b, 'logStreamName'), batch);
      return { nextSequenceToken: String(now).padStart(56, '0') };
    }
    let tooOldEnd = 0;
    while (tooOldEnd < batch.length && (batch[tooOldEnd]?.timestamp ?? 0) < now - 14 * 86_400_000) tooOldEnd++;
    let tooNewStart = batch.length;
    while (tooNewStart > tooOldEnd && (batch[tooNewStart - 1]?.timestamp ?? 0) > now + 2 * 3_600_000) tooNewStart--;
    const accepted = batch.slice(tooOldEnd, tooNewStart);
    // A batch dropped whole still needs an existing stream, as on AWS (ResourceNotFoundException otherwise).
    if (accepted.length === 0 && batch.length > 0)
      this.store.stream(requiredGroup(b), requiredString(b, 'logStreamName'));
    else this.store.put(requiredGroup(b), requiredString(b, 'logStreamName'), accepted);
    const rejected: Json = {};
    if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
    if (tooNewStart < batch.length) rejected.tooNewLogEventStartIndex = tooNewStart;
    return {
      nextSequenceToken: String(now).padStart(56, '0'),
      ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
    };
  }

  private getEvents(b: Json): Json {
    const stream = this.store.stream(requiredGroup(b), requiredString(b, 'logStreamName'));
    const page = getEventsPage(stream, {
      startTime: optionalNumber(b, 'startTime'),
      endTime: optionalNumber(b, 'endTime'),
      nextToken: optionalString(b, 'nextToken'),
      limit: optionalNumber(b, 'limit'),
      startFromHead: b.startFromHead === true,
    });
    return {
      events: page.events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: page.nextForwardToken,
      nextBackwardToken: page.nextBackwardToken,
    };
  }

  private filterEvents(b: Json): Json {
    const group = this.store.group(requiredGroup(b));
    const names = b.logStreamNames;
    const prefix = optionalString(b, 'logStreamNamePrefix');
    if (names !== undefined && prefix !== undefined) {
      throw new LogsError(
        'InvalidParameterException',
        'logStreamNames and logStreamNamePrefix are mutually exclusive.',
      );
    }
    let streams: LogStream[];
    // logStreamNames: 1 to 100 names (FilterLogEvents API reference); `interleaved` is deprecated and ignored
    // ("the value is assumed to be true"), so it is accepted and changes nothing.
    if (Array.isArray(names) && (names.length < 1 || names.length > MAX_FILTER_STREAM_NAMES)) {
      throw new LogsError(
        'InvalidParameterException',
        `1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_FILTER_STREAM_NAMES} and greater than or equal to 1`,
      );
    }
    if (Array.isArray(names)) {
      streams = names.map((n) => {
        const s = group.streams.get(String(n));
        if (!s) throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
        return s;
      });
    } else {
      streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix));
    }
    const page = filterEventsPage(streams, {
      startTime: optionalNumber(b, 'startTime'),
      endTime: optionalNumber(b, 'endTime'),
      filterPattern: optionalString(b, 'filterPattern'),
      nextToken: optionalString(b, 'nextToken'),
      limit: optionalNumber(b, 'limit'),
    });
    return {
      events: page.events,
      searchedLogStreams: streams.map((s) => ({
        logStreamName: s.name,
        searchedCompletely: page.nextToken === undefined,
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  private groupArn(name: string): string {
    return `arn:aws:logs:${this.identity.region}:${this.identity.accountId}:log-group:${name}`;
  }
}

/** The service's name rules: groups `[.-_/#A-Za-z0-9]{1,512}`, streams 1..512 characters without `:` or `*`. */
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

function validName(name: string, field: string, shape: RegExp): string {
  if (!shape.test(name)) {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.source}`,
    );
  }
  return name;
}

function groupOf(b: Json): string | undefined {
  if (typeof b.logGroupName === 'string') return b.logGroupName;
  if (typeof b.logGroupIdentifier === 'string') return groupNameOf(b.logGroupIdentifier);
  if (Array.isArray(b.logGroupIdentifiers) && typeof b.logGroupIdentifiers[0] === 'string') {
    return groupNameOf(b.logGroupIdentifiers[0]);
  }
  return undefined;
}

function requiredGroup(b: Json): string {
  const name = groupOf(b);
  if (!name) throw new LogsError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier is required.');
  return name;
}

function requiredString(b: Json, name: string): string {
  const v = b[name];
  if (typeof v !== 'string' || v === '') {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

function optionalString(b: Json, name: string): string | undefined {
  const v = b[name];
  return typeof v === 'string' ? v : undefined;
}

function optionalNumber(b: Json, name: string): number | undefined {
  const v = b[name];
  return typeof v === 'number' ? v : undefined;
}

function pageLimit(b: Json, max: number): number {
  const limit = optionalNumber(b, 'limit') ?? max;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  return limit;
}

function paginate<T>(all: T[], token: string | undefined, limit: number): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (token !== undefined) {
    const m = /^page:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
    if (!m) throw new LogsError('InvalidParameterException', 'The specified nextToken is invalid.');
    offset = Number(m[1]);
  }
  const page = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? Buffer.from(`page:${offset + limit}`).toString('base64') : undefined;
  return next ? { page, nextToken: next } : { page };
}

function lastEventTime(s: LogStream): number {
  return s.events[s.events.length - 1]?.timestamp ?? 0;
}

function byName(a: LogStream, b: LogStream): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function sendError(
  ex: Exchange,
  code: LogsErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const status = code === 'ServiceUnavailableException' ? 500 : 400;
  return ex.send(
    status,
    { 'content-type': 'application/x-amz-json-1.1' },
    JSON.stringify({ __type: code, message, ...details }),
  );
}

export function logsErrorReply(kind: ErrorKind): WireError {
  const [status, type, message] =
    kind === 'throttle'
      ? [400, 'ThrottlingException', 'Rate exceeded']
      : kind === 'denied'
        ? [400, 'AccessDeniedException', 'User is not authorized to perform this operation (sandbox fault).']
        : [500, 'ServiceUnavailableException', 'The service cannot complete the request.'];
  return { status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: type, message }) };
}
