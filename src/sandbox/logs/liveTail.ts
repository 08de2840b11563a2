// StartLiveTail: an `application/vnd.amazon.eventstream` response that stays open. One sessionStart frame, then a
// sessionUpdate every interval with what arrived meanwhile (at most 500, then flagged `sampled`), until the client
// disconnects, the session times out, or a dropTail fault cuts the connection.
import { EventStreamCodec } from '@smithy/core/event-streams';
import { randomUUID } from 'node:crypto';
import type { Exchange } from '../exchange';
import type { Faults } from '../faults';
import { compilePattern } from './paging';
import { LogsError, type LogsStore, type StoredEvent } from './store';

const LIVE_TAIL_MAX_EVENTS_PER_UPDATE = 500;

interface LiveTailOptions {
  intervalMs: number;
  maxSessionMs: number;
  accountId: string;
  region: string;
}

export interface LiveTailRequest {
  logGroupIdentifiers?: unknown;
  logStreamNames?: unknown;
  logStreamNamePrefixes?: unknown;
  logEventFilterPattern?: unknown;
}

interface TailResult {
  logStreamName: string;
  logGroupIdentifier: string;
  message: string;
  timestamp: number;
  ingestionTime: number;
}

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

export class LiveTail {
  private readonly sessions = new Set<() => void>();

  constructor(
    private readonly store: LogsStore,
    private readonly faults: Faults,
    private readonly options: LiveTailOptions,
  ) {}

  get activeSessions(): number {
    return this.sessions.size;
  }

  /** Serves one session until it ends; validation errors throw LogsError before any frame is sent. */
  async serve(ex: Exchange, request: LiveTailRequest): Promise<void> {
    const groups = stringList(request.logGroupIdentifiers, 'logGroupIdentifiers');
    if (groups.length < 1 || groups.length > 10) {
      throw new LogsError('InvalidParameterException', 'logGroupIdentifiers must name between 1 and 10 log groups.');
    }
    // StartLiveTail, unlike the other operations, takes log group ARNs only (no name, no trailing `:*`).
    const notArn = groups.find((g) => !LOG_GROUP_ARN.test(g));
    if (notArn !== undefined) {
      throw new LogsError(
        'InvalidParameterException',
        `logGroupIdentifiers must be log group ARNs without a trailing ':*', not '${notArn}'.`,
      );
    }
    const groupNames = groups.map(groupNameOf);
    for (const name of groupNames) this.store.group(name);
    const streamNames = optionalList(request.logStreamNames, 'logStreamNames');
    const prefixes = optionalList(request.logStreamNamePrefixes, 'logStreamNamePrefixes');
    if (streamNames && prefixes) {
      throw new LogsError(
        'InvalidParameterException',
        'logStreamNames and logStreamNamePrefixes are mutually exclusive.',
      );
    }
    if ((streamNames || prefixes) && groups.length !== 1) {
      throw new LogsError(
        'InvalidParameterException',
        'logStreamNames or logStreamNamePrefixes need exactly one log group.',
      );
    }
    const pattern = typeof request.logEventFilterPattern === 'string' ? request.logEventFilterPattern : '';
    const matches = compilePattern(pattern);
    const drop = this.faults.pick(
      { service: 'logs', operation: 'StartLiveTail', logGroup: groupNames[0], logStream: streamNames?.[0] },
      ['dropTail'],
    );

    const pending: TailResult[] = [];
    const unsubscribe = this.store.onIngest((group, stream, events: readonly StoredEvent[]) => {
      const index = groupNames.indexOf(group);
      if (index < 0) return;
      if (streamNames && !streamNames.includes(stream)) return;
      if (prefixes && !prefixes.some((p) => stream.startsWith(p))) return;
      for (const e of events) {
        if (!matches(e.message)) continue;
        pending.push({
          logStreamName: stream,
          logGroupIdentifier: this.arnOf(groups[index] ?? group),
          message: e.message,
          timestamp: e.timestamp,
          ingestionTime: e.ingestionTime,
        });
      }
    });

    ex.res.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-requestid': ex.requestId,
      'transfer-encoding': 'chunked',
    });
    ex.res.flushHeaders();
    const sessionId = randomUUID();
    ex.res.write(
      frame('sessionStart', {
        requestId: ex.requestId,
        sessionId,
        logGroupIdentifiers: groups,
        ...(streamNames ? { logStreamNames: streamNames } : {}),
        ...(prefixes ? { logStreamNamePrefixes: prefixes } : {}),
        logEventFilterPattern: pattern,
      }),
    );

    if (drop && (drop.afterUpdates ?? 0) === 0) {
      unsubscribe();
      await new Promise<void>((resolve) => ex.res.write(new Uint8Array(0), () => resolve()));
      ex.destroy();
      return;
    }

    await new Promise<void>((resolve) => {
      let updates = 0;
      const started = Date.now();
      const finish = (): void => {
        clearInterval(timer);
        unsubscribe();
        this.sessions.delete(endSession);
        resolve();
      };
      const endSession = (): void => {
        ex.res.end();
        finish();
      };
      const timer = setInterval(() => {
        if (ex.res.destroyed) return finish();
        if (Date.now() - started >= this.options.maxSessionMs) {
          ex.res.end(exceptionFrame('SessionTimeoutException', 'Session timed out.'));
          return finish();
        }
        const batch = pending.splice(0, pending.length);
        const sampled = batch.length > LIVE_TAIL_MAX_EVENTS_PER_UPDATE;
        const results = sampled ? sample(batch, LIVE_TAIL_MAX_EVENTS_PER_UPDATE) : batch;
        updates++;
        const dropNow = drop !== undefined && updates >= (drop.afterUpdates ?? 0);
        if (dropNow) clearInterval(timer);
        ex.res.write(frame('sessionUpdate', { sessionMetadata: { sampled }, sessionResults: results }), () => {
          // Cut only once the update is on the wire, so the client sees exactly N updates before the drop.
          if (!dropNow) return;
          ex.destroy();
          finish();
        });
      }, this.options.intervalMs);
      ex.res.on('close', finish);
      this.sessions.add(endSession);
    });
  }

  /** Ends every open session (server shutdown). */
  closeAll(): void {
    for (const end of [...this.sessions]) end();
  }

  private arnOf(identifier: string): string {
    if (identifier.startsWith('arn:')) return identifier.replace(/:\*$/, '');
    return `arn:aws:logs:${this.options.region}:${this.options.accountId}:log-group:${identifier}`;
  }
}

const LOG_GROUP_ARN = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:[^*:]+$/;

/** `arn:aws:logs:region:account:log-group:NAME[:*]` or a bare name. */
export function groupNameOf(identifier: string): string {
  const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return m ? (m[1] ?? identifier) : identifier;
}

/** Evenly spread, order kept: a sample that still shows the whole second rather than its first 500 events. */
function sample<T>(items: T[], n: number): T[] {
  const out: T[] = [];
  const step = items.length / n;
  for (let i = 0; i < n; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

function frame(eventType: string, payload: object): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')),
  });
}

function exceptionFrame(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ message }), 'utf8')),
  });
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new LogsError('InvalidParameterException', `${name} must be a list of strings.`);
  }
  return value as string[];
}

function optionalList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = stringList(value, name);
  return list.length ? list : undefined;
}
