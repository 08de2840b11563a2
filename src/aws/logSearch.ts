// Searching a log group: FilterLogEvents with a filter pattern over every page, newest or oldest first, and Logs
// Insights queries (StartQuery, GetQueryResults polling, StopQuery on cancel).
//
// FilterLogEvents answers oldest first, up to 1 MB / 10,000 events a page, and a page may be empty while a
// nextToken is present: only a missing token means done (FilterLogEvents API reference). Newest first without
// holding a month in memory: the window is walked backwards in time slices; each slice is read whole (all its
// pages), reversed and handed on. Slices grow while they are sparse and shrink when they are dense, so memory
// stays near one dense slice and a sparse month costs a dozen calls.
import type {
  CloudWatchLogsClient,
  FilterLogEventsCommandInput,
  FilterLogEventsCommandOutput,
  GetQueryResultsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { UserError } from '../core/errors';
import { t } from '../core/i18n';
import { awsErrorName } from './awsErrors';
import { logsSdk } from './sdk';
import { delay as sleep } from '../core/delay';

export interface SearchHit {
  timestamp: number;
  message: string;
  stream: string;
  ingestionTime?: number;
}

interface SearchOptions {
  /** CloudWatch filter pattern, passed through as written. */
  pattern: string;
  /** Milliseconds since the epoch; `end` exclusive. */
  start: number;
  end: number;
  /** Only these streams (any number: sent 100 at a time, the API's limit). */
  streams?: readonly string[];
  order?: 'newest' | 'oldest';
  signal?: AbortSignal;
}

/** FilterLogEvents takes 1 to 100 names in logStreamNames (API reference). */
const MAX_STREAMS_PER_FILTER = 100;
const FIRST_SLICE_MS = 60 * 60_000;
const DENSE_SLICE = 5_000;
const SPARSE_SLICE = 500;
/** A slice holding more than this is split, so memory stays bounded even on a very busy hour. */
const MAX_SLICE_HITS = 20_000;

interface InsightsRequest {
  group: string;
  query: string;
  start: number;
  end: number;
  limit?: number;
  signal?: AbortSignal;
  pollIntervalMs?: number;
  onStatus?: (status: string) => void;
}

interface InsightsResult {
  status: string;
  fields: string[];
  rows: Array<Record<string, string>>;
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

interface LogSearch {
  search(group: string, options: SearchOptions): AsyncIterable<SearchHit>;
  insights(request: InsightsRequest): Promise<InsightsResult>;
}

export class CloudWatchLogSearch implements LogSearch {
  constructor(private readonly client: CloudWatchLogsClient) {}

  async *search(group: string, o: SearchOptions): AsyncIterable<SearchHit> {
    const newest = (o.order ?? 'newest') === 'newest';
    let size = Math.min(FIRST_SLICE_MS, o.end - o.start);
    let cursor = newest ? o.end : o.start;
    while (newest ? cursor > o.start : cursor < o.end) {
      if (o.signal?.aborted) return;
      const from = newest ? Math.max(o.start, cursor - size) : cursor;
      const to = newest ? cursor : Math.min(o.end, cursor + size);
      const hits = await this.slice(group, o, from, to);
      if (hits === undefined) {
        size = Math.max(1000, Math.floor(size / 4));
        continue;
      }
      if (newest) hits.reverse();
      yield* hits;
      cursor = newest ? from : to;
      if (hits.length < SPARSE_SLICE) size *= 2;
      else if (hits.length > DENSE_SLICE) size = Math.max(1000, Math.floor(size / 2));
    }
  }

  /** Every hit of [from, to) in time order; undefined when the slice is too dense to hold (and can be split). */
  private async slice(group: string, o: SearchOptions, from: number, to: number): Promise<SearchHit[] | undefined> {
    const chunks: Array<readonly string[] | undefined> = [];
    if (o.streams?.length) {
      for (let i = 0; i < o.streams.length; i += MAX_STREAMS_PER_FILTER) {
        chunks.push(o.streams.slice(i, i + MAX_STREAMS_PER_FILTER));
      }
    } else chunks.push(undefined);
    const hits: SearchHit[] = [];
    for (const names of chunks) {
      let token: string | undefined;
      do {
        const page = await this.filterPage(
          {
            logGroupName: group,
            logStreamNames: names ? [...names] : undefined,
            startTime: from,
            endTime: to - 1,
            filterPattern: o.pattern || undefined,
            nextToken: token,
          },
          o,
        );
        for (const e of page.events ?? []) {
          // endTime is inclusive in FilterLogEvents: the slice's end belongs to the next slice.
          if (e.timestamp === undefined || e.timestamp >= to || e.timestamp < from) continue;
          hits.push({
            timestamp: e.timestamp,
            message: e.message ?? '',
            stream: e.logStreamName ?? '',
            ingestionTime: e.ingestionTime,
          });
        }
        if (hits.length > MAX_SLICE_HITS && to - from > 1000) return undefined;
        token = page.nextToken;
      } while (token && !o.signal?.aborted);
    }
    if (chunks.length > 1) hits.sort((a, b) => a.timestamp - b.timestamp);
    return hits;
  }

  private async filterPage(
    input: FilterLogEventsCommandInput,
    o: SearchOptions,
  ): Promise<FilterLogEventsCommandOutput> {
    try {
      return await this.client.send(new (logsSdk().FilterLogEventsCommand)(input), { abortSignal: o.signal });
    } catch (e) {
      throw searchError(e, o.pattern);
    }
  }

  async insights(r: InsightsRequest): Promise<InsightsResult> {
    const sdk = logsSdk();
    let queryId: string | undefined;
    try {
      const started = await this.client.send(
        new sdk.StartQueryCommand({
          logGroupName: r.group,
          queryString: r.query,
          // Seconds, both ends inclusive (StartQuery API reference).
          startTime: Math.floor(r.start / 1000),
          endTime: Math.max(Math.floor(r.start / 1000), Math.ceil(r.end / 1000) - 1),
          limit: r.limit,
        }),
        { abortSignal: r.signal },
      );
      queryId = started.queryId;
      if (!queryId) throw new UserError(t('logsearch.insights.ended', { status: 'Unknown' }));
      let last = '';
      for (;;) {
        if (r.signal?.aborted) throw new UserError(t('logsearch.insights.cancelled'));
        const page = await this.client.send(new sdk.GetQueryResultsCommand({ queryId }));
        const status = page.status ?? 'Unknown';
        if (status !== last) r.onStatus?.(status);
        last = status;
        if (status === 'Complete') {
          queryId = undefined;
          return toResult(status, page);
        }
        if (status !== 'Scheduled' && status !== 'Running') {
          queryId = undefined;
          throw new UserError(t('logsearch.insights.ended', { status }));
        }
        await sleep(r.pollIntervalMs ?? 1000, r.signal);
      }
    } catch (e) {
      if (e instanceof UserError) throw e;
      if (r.signal?.aborted) throw new UserError(t('logsearch.insights.cancelled'));
      const name = awsErrorName(e);
      if (name === 'MalformedQueryException' || name === 'InvalidParameterException') {
        throw new UserError(t('logsearch.insights.malformed', { detail: (e as Error).message }), 2);
      }
      if (name === 'ResourceNotFoundException') throw new UserError(t('logsearch.noGroup', { group: r.group }));
      throw e;
    } finally {
      // A query left running keeps counting against the account's 30 concurrent queries: stop it.
      if (queryId !== undefined) {
        await this.client.send(new sdk.StopQueryCommand({ queryId })).catch(() => undefined);
      }
    }
  }
}

function toResult(status: string, page: GetQueryResultsCommandOutput): InsightsResult {
  const fields: string[] = [];
  const rows = (page.results ?? []).map((cells) => {
    const row: Record<string, string> = {};
    for (const c of cells) {
      if (!c.field || c.field === '@ptr') continue;
      if (!fields.includes(c.field)) fields.push(c.field);
      row[c.field] = c.value ?? '';
    }
    return row;
  });
  return {
    status,
    fields,
    rows,
    recordsMatched: page.statistics?.recordsMatched ?? 0,
    recordsScanned: page.statistics?.recordsScanned ?? 0,
    bytesScanned: page.statistics?.bytesScanned ?? 0,
  };
}

/** The one-line message for a refused search: a bad pattern names the pattern; a missing group or stream its name. */
export function searchError(e: unknown, pattern: string): unknown {
  const name = awsErrorName(e);
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'InvalidParameterException' && /pattern|term|quot|regular|%|JSON/i.test(message)) {
    return new UserError(t('logsearch.badPattern', { pattern: JSON.stringify(pattern), detail: message }), 2);
  }
  return e;
}
