// CloudWatch Logs groups and streams: CreateLogGroup, DeleteLogGroup, CreateLogStream, DeleteLogStream,
// DescribeLogGroups, DescribeLogStreams.
import { LogsError, type LogStream } from './store';
import {
  groupArn,
  optionalNumber,
  optionalString,
  requiredGroup,
  requiredString,
  type Json,
  type LogsOperation,
} from './request';

/** The service's name rules: groups `[.-_/#A-Za-z0-9]{1,512}`, streams 1..512 characters without `:` or `*`. */
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

const createGroup: LogsOperation = ({ store }, b) => {
  store.createGroup(validName(requiredString(b, 'logGroupName'), 'logGroupName', GROUP_NAME));
  return {};
};

const deleteGroup: LogsOperation = ({ store }, b) => {
  store.deleteGroup(requiredString(b, 'logGroupName'));
  return {};
};

const createStream: LogsOperation = ({ store }, b) => {
  store.createStream(
    requiredString(b, 'logGroupName'),
    validName(requiredString(b, 'logStreamName'), 'logStreamName', STREAM_NAME),
  );
  return {};
};

const deleteStream: LogsOperation = ({ store }, b) => {
  store.deleteStream(requiredString(b, 'logGroupName'), requiredString(b, 'logStreamName'));
  return {};
};

const describeGroups: LogsOperation = (ctx, b) => {
  const prefix = optionalString(b, 'logGroupNamePrefix') ?? '';
  const limit = pageLimit(b, 50);
  const all = ctx.store.allGroups().filter((g) => g.name.startsWith(prefix));
  const { page, nextToken } = paginate(all, optionalString(b, 'nextToken'), limit);
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: `${groupArn(ctx, g.name)}:*`,
      logGroupArn: groupArn(ctx, g.name),
      storedBytes: [...g.streams.values()].reduce((n, s) => n + s.storedBytes, 0),
      logGroupClass: 'STANDARD',
    })),
    ...(nextToken ? { nextToken } : {}),
  };
};

const describeStreams: LogsOperation = (ctx, b) => {
  const groupName = requiredGroup(b);
  const group = ctx.store.group(groupName);
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
        arn: `${groupArn(ctx, groupName)}:log-stream:${s.name}`,
        storedBytes: 0,
      };
    }),
    ...(nextToken ? { nextToken } : {}),
  };
};

function validName(name: string, field: string, shape: RegExp): string {
  if (!shape.test(name)) {
    throw new LogsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shape.source}`,
    );
  }
  return name;
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

export const RESOURCE_OPERATIONS: Record<string, LogsOperation> = {
  CreateLogGroup: createGroup,
  DeleteLogGroup: deleteGroup,
  CreateLogStream: createStream,
  DeleteLogStream: deleteStream,
  DescribeLogGroups: describeGroups,
  DescribeLogStreams: describeStreams,
};
