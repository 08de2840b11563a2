// CloudWatch Logs events: PutLogEvents, GetLogEvents, FilterLogEvents.
import { filterEventsPage, getEventsPage } from './paging';
import { LogsError, type LogStream } from './store';
import * as request from './request';

const MAX_FILTER_STREAM_NAMES = 100;

const putEvents: request.LogsOperation = ({ store, identity }, b) => {
  const events = b.logEvents;
  if (!Array.isArray(events)) throw new LogsError('InvalidParameterException', 'logEvents must be a list.');
  const batch = events.map((e: unknown) => {
    const ev = (typeof e === 'object' && e !== null ? e : {}) as request.Json;
    return { timestamp: ev.timestamp as number, message: ev.message as string };
  });
  // Events more than 2 hours ahead or older than 14 days are not stored but reported, by index, in
  // rejectedLogEventsInfo (CloudWatch Logs API Reference, PutLogEvents and RejectedLogEventsInfo:
  // tooOldLogEventEndIndex is exclusive, tooNewLogEventStartIndex inclusive; events are in time order).
  const now = Date.now();
  if (!identity.rejectOutOfRangeEvents) {
    store.put(request.requiredGroup(b), request.requiredString(b, 'logStreamName'), batch);
    return { nextSequenceToken: String(now).padStart(56, '0') };
  }
  let tooOldEnd = 0;
  while (tooOldEnd < batch.length && (batch[tooOldEnd]?.timestamp ?? 0) < now - 14 * 86_400_000) tooOldEnd++;
  let tooNewStart = batch.length;
  while (tooNewStart > tooOldEnd && (batch[tooNewStart - 1]?.timestamp ?? 0) > now + 2 * 3_600_000) tooNewStart--;
  const accepted = batch.slice(tooOldEnd, tooNewStart);
  // A batch dropped whole still needs an existing stream, as on AWS (ResourceNotFoundException otherwise).
  if (accepted.length === 0 && batch.length > 0)
    store.stream(request.requiredGroup(b), request.requiredString(b, 'logStreamName'));
  else store.put(request.requiredGroup(b), request.requiredString(b, 'logStreamName'), accepted);
  const rejected: request.Json = {};
  if (tooOldEnd > 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (tooNewStart < batch.length) rejected.tooNewLogEventStartIndex = tooNewStart;
  return {
    nextSequenceToken: String(now).padStart(56, '0'),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
};

const getEvents: request.LogsOperation = ({ store }, b) => {
  const stream = store.stream(request.requiredGroup(b), request.requiredString(b, 'logStreamName'));
  const page = getEventsPage(stream, {
    startTime: request.optionalNumber(b, 'startTime'),
    endTime: request.optionalNumber(b, 'endTime'),
    nextToken: request.optionalString(b, 'nextToken'),
    limit: request.optionalNumber(b, 'limit'),
    startFromHead: b.startFromHead === true,
  });
  return {
    events: page.events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: page.nextForwardToken,
    nextBackwardToken: page.nextBackwardToken,
  };
};

const filterEvents: request.LogsOperation = ({ store }, b) => {
  const group = store.group(request.requiredGroup(b));
  const names = b.logStreamNames;
  const prefix = request.optionalString(b, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    throw new LogsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive.');
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
    startTime: request.optionalNumber(b, 'startTime'),
    endTime: request.optionalNumber(b, 'endTime'),
    filterPattern: request.optionalString(b, 'filterPattern'),
    nextToken: request.optionalString(b, 'nextToken'),
    limit: request.optionalNumber(b, 'limit'),
  });
  return {
    events: page.events,
    searchedLogStreams: streams.map((s) => ({
      logStreamName: s.name,
      searchedCompletely: page.nextToken === undefined,
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

export const EVENT_OPERATIONS: Record<string, request.LogsOperation> = {
  PutLogEvents: putEvents,
  GetLogEvents: getEvents,
  FilterLogEvents: filterEvents,
};
