// StartQuery / GetQueryResults / StopQuery with the service's contract (CloudWatch Logs API reference):
// - exactly one of logGroupName, logGroupNames, logGroupIdentifiers (up to 50 groups); startTime and endTime
//   are seconds since the epoch and both inclusive; endTime before startTime is an InvalidParameterException;
// - queryString up to 10,000 characters; `limit` 1..10,000 (default 10,000: CWL_QuerySyntax-Limit);
// - a query that does not compile is a MalformedQueryException (with queryCompileError);
// - at most 30 queries run at once per account (LimitExceededException);
// - status Scheduled -> Running -> Complete (or Cancelled by StopQuery; Failed, Timeout, Unknown exist too): the
//   sandbox answers Running to the first GetQueryResults so clients really poll;
// - StopQuery on a query that has ended is an error "not running" (InvalidParameterException).
import { randomUUID } from 'node:crypto';
import { compileQuery, MAX_QUERY_LIMIT, QueryCompileError, runQuery, type QueryOutput } from './insightsQuery';
import { groupNameOf } from './liveTail';
import { LogsError, lowerBound, type LogsStore } from './store';

type Json = Record<string, unknown>;
type Status = 'Scheduled' | 'Running' | 'Complete' | 'Cancelled';

/**
 * StartQuery's limits (API reference). Concurrent queries: the reference says 30; the Logs Insights guide ("View
 * running queries or query history") now says 100 per account. The sandbox keeps the lower: it must never allow what
 * an account may refuse.
 */
const LIMITS = { queryString: 10_000, logGroups: 50, concurrentQueries: 30 } as const;

interface Query {
  status: Status;
  polls: number;
  output: QueryOutput;
  createdAt: number;
}

export class InsightsQueries {
  private readonly queries = new Map<string, Query>();

  constructor(
    private readonly store: LogsStore,
    private readonly accountId: string,
  ) {}

  start(b: Json): Json {
    const groups = this.groupsOf(b);
    const startTime = seconds(b, 'startTime');
    const endTime = seconds(b, 'endTime');
    if (endTime < startTime) throw invalid('The endTime must be greater than or equal to the startTime.');
    const queryString = typeof b.queryString === 'string' ? b.queryString : '';
    if (queryString.length < 1 || queryString.length > LIMITS.queryString) {
      throw invalid(`queryString must be 1 to ${LIMITS.queryString} characters.`);
    }
    const limit = b.limit === undefined ? MAX_QUERY_LIMIT : b.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw invalid(
        `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_QUERY_LIMIT}`,
      );
    }
    const running = [...this.queries.values()].filter((q) => q.status === 'Scheduled' || q.status === 'Running');
    if (running.length >= LIMITS.concurrentQueries) {
      throw new LogsError(
        'LimitExceededException',
        `You have reached the maximum of ${LIMITS.concurrentQueries} concurrent queries.`,
      );
    }
    let commands;
    try {
      commands = compileQuery(queryString);
    } catch (e) {
      if (e instanceof QueryCompileError) {
        throw new LogsError('MalformedQueryException', `Query could not be compiled: ${e.message}`, {
          queryCompileError: { location: { start: 0, end: queryString.length }, message: e.message },
        });
      }
      throw e;
    }
    const from = startTime * 1000;
    const to = endTime * 1000 + 1000;
    const store = this.store;
    const accountId = this.accountId;
    function* events(): Iterable<{
      timestamp: number;
      message: string;
      ingestionTime: number;
      logStream: string;
      log: string;
    }> {
      for (const name of groups) {
        for (const stream of store.group(name).streams.values()) {
          for (let i = lowerBound(stream.events, from); i < stream.events.length; i++) {
            const e = stream.events[i];
            if (!e || e.timestamp >= to) break;
            yield { ...e, logStream: stream.name, log: `${accountId}:${name}` };
          }
        }
      }
    }
    const queryId = randomUUID();
    this.queries.set(queryId, {
      status: 'Scheduled',
      polls: 0,
      output: runQuery(commands, events(), limit),
      createdAt: Date.now(),
    });
    return { queryId };
  }

  results(b: Json): Json {
    const q = this.query(b);
    q.polls++;
    if (q.status === 'Scheduled') q.status = 'Running';
    else if (q.status === 'Running') q.status = 'Complete';
    const done = q.status === 'Complete';
    return {
      status: q.status,
      results: done ? q.output.rows : [],
      statistics: {
        recordsMatched: done ? q.output.recordsMatched : 0,
        recordsScanned: done ? q.output.recordsScanned : 0,
        bytesScanned: done ? q.output.bytesScanned : 0,
      },
    };
  }

  stop(b: Json): Json {
    const q = this.query(b);
    if (q.status !== 'Scheduled' && q.status !== 'Running') throw invalid('The specified query is not running.');
    q.status = 'Cancelled';
    return { success: true };
  }

  private query(b: Json): Query {
    const id = typeof b.queryId === 'string' ? b.queryId : '';
    const q = this.queries.get(id);
    if (!q) throw new LogsError('ResourceNotFoundException', `The query ${id} does not exist.`);
    return q;
  }

  private groupsOf(b: Json): string[] {
    const given = [b.logGroupName, b.logGroupNames, b.logGroupIdentifiers].filter((v) => v !== undefined);
    if (given.length !== 1) {
      throw invalid(
        'A StartQuery operation must include exactly one of logGroupName, logGroupNames or logGroupIdentifiers.',
      );
    }
    const raw = typeof b.logGroupName === 'string' ? [b.logGroupName] : (given[0] as unknown);
    if (!Array.isArray(raw) || raw.length < 1 || !raw.every((g) => typeof g === 'string')) {
      throw invalid('The log groups to query must be a list of names.');
    }
    if (raw.length > LIMITS.logGroups) throw invalid(`A query can include up to ${LIMITS.logGroups} log groups.`);
    return (raw as string[]).map((g) => {
      const name = groupNameOf(g);
      this.store.group(name);
      return name;
    });
  }
}

function seconds(b: Json, name: string): number {
  const v = b[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw invalid(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

function invalid(message: string): LogsError {
  return new LogsError('InvalidParameterException', message);
}
