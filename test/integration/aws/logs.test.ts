// The CloudWatch Logs adapter against the sandbox: complete paged reads, batching under throttling, live tail
// with its polling fallback and its resume after a dropped connection.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { collect, productClients } from '../../helpers/sandboxClients';
import { CloudWatchLogs, type LogEvent, type TailItem } from '../../../src/aws/logs';
import { clientsFor } from '../sandbox/clients';

describe('aws/logs against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let logs: CloudWatchLogs;
  let group: string;

  before(async () => {
    sandbox = await startSandbox({ liveTailIntervalMs: 100 });
    clients = productClients(sandbox);
    logs = new CloudWatchLogs(clients.logs);
    group = sandbox.env.LOG_GROUP ?? '';
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
  });

  afterEach(() => sandbox.faults.clear());

  describe('read', () => {
    const T0 = Date.UTC(2020, 5, 30, 4, 0, 0);
    const N = 23_456;

    before(async () => {
      await logs.put(
        group,
        'paged',
        Array.from({ length: N }, (_, i) => ({ timestamp: T0 + i, message: `e${i}` })),
      );
    });

    it('returns every event across pages, oldest first', async () => {
      sandbox.faults.resetCounts();
      const all = await collect(logs.read(group, 'paged'));
      assert.equal(all.length, N);
      assert.ok(all.every((e, i) => e.message === `e${i}` && e.timestamp === T0 + i));
      assert.equal(sandbox.faults.count('logs', 'GetLogEvents'), 4, 'three pages, then the caught-up call');
    });

    it('honours a window in milliseconds, end exclusive', async () => {
      const window = await collect(logs.read(group, 'paged', { start: T0 + 10_500, end: T0 + 10_503 }));
      assert.deepEqual(
        window.map((e) => e.message),
        ['e10500', 'e10501', 'e10502'],
      );
    });

    it('streams: the first event is out before the second page is asked for', async () => {
      sandbox.faults.resetCounts();
      for await (const e of logs.read(group, 'paged')) {
        assert.equal(e.message, 'e0');
        break;
      }
      assert.equal(sandbox.faults.count('logs', 'GetLogEvents'), 1);
    });

    it('lists streams newest first and tells whether one exists', async () => {
      await logs.put(group, 'newest', [{ timestamp: Date.now(), message: 'now' }]);
      const first = (await logs.listStreams(group)[Symbol.asyncIterator]().next()).value as
        { name: string } | undefined;
      assert.equal(first?.name, 'newest');
      assert.equal(await logs.streamExists(group, 'paged'), true);
      assert.equal(await logs.streamExists(group, 'page'), false, 'a prefix is not the stream');
    });
  });

  describe('batched writes', () => {
    it('delivers every event exactly once, in order, through a throttling storm', async () => {
      sandbox.faults.add({ service: 'logs', kind: 'throttle', operation: 'PutLogEvents', probability: 0.6, seed: 7 });
      sandbox.faults.resetCounts();
      // SDK retries off (one attempt), so the batcher's own retries are what survives the storm.
      const bare = clientsFor(sandbox, 1);
      const b = new CloudWatchLogs(bare.logs).batcher(group, 'storm', {
        flushAfterMs: 0,
        retryBaseMs: 10,
        maxRetries: 20,
      });
      const T = Date.now() - 60_000;
      const messages = Array.from({ length: 30_000 }, (_, i) => `storm ${i}`);
      messages.forEach((m, i) => b.add(m, T + i));
      await b.close();
      bare.destroy();
      sandbox.faults.clear();
      const stored = await collect(logs.read(group, 'storm'));
      assert.deepEqual(
        stored.map((e) => e.message),
        messages,
      );
      assert.ok(sandbox.faults.count('logs', 'PutLogEvents') > 3, 'throttled calls were retried');
    });

    it('creates a missing stream on first write', async () => {
      await logs.put(group, 'fresh-stream', [{ timestamp: Date.now(), message: 'hello' }]);
      assert.deepEqual(
        (await collect(logs.read(group, 'fresh-stream'))).map((e) => e.message),
        ['hello'],
      );
    });
  });

  describe('tail', () => {
    /** Takes items until `until` says stop, writing with `writer` once the tail has said which mode it is in. */
    async function tailWhile(
      stream: string,
      options: { pollOnly?: boolean },
      writer: () => Promise<void>,
      until: (events: LogEvent[]) => boolean,
    ): Promise<{ events: LogEvent[]; items: TailItem[] }> {
      const abort = new AbortController();
      const items: TailItem[] = [];
      const events: LogEvent[] = [];
      let writing: Promise<void> | undefined;
      const timer = setTimeout(() => abort.abort(), 20_000);
      try {
        for await (const item of logs.tail(group, stream, {
          startTime: 0,
          signal: abort.signal,
          pollIntervalMs: 100,
          ...options,
        })) {
          items.push(item);
          if (item.kind === 'event') events.push(item.event);
          if (item.kind === 'mode') writing ??= writer();
          if (until(events)) break;
        }
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      await writing;
      return { events, items };
    }

    const lines = (prefix: string, n: number, start = Date.now()) =>
      Array.from({ length: n }, (_, i) => ({ timestamp: start + i, message: `${prefix}${i}` }));

    it('live: shows history then new events, each once', async () => {
      await logs.put(group, 'tail-live', lines('old', 3, Date.now() - 5000));
      const fresh = lines('new', 5);
      const { events, items } = await tailWhile(
        'tail-live',
        {},
        () => logs.put(group, 'tail-live', fresh),
        (e) => e.length >= 8,
      );
      assert.deepEqual(
        items.find((i) => i.kind === 'mode'),
        { kind: 'mode', mode: 'live' },
      );
      assert.deepEqual(
        events.map((e) => e.message),
        ['old0', 'old1', 'old2', ...fresh.map((e) => e.message)],
      );
    });

    it('falls back to polling when StartLiveTail is denied', async () => {
      sandbox.faults.add({ service: 'logs', kind: 'denied', operation: 'StartLiveTail' });
      const fresh = lines('p', 4);
      const { events, items } = await tailWhile(
        'tail-denied',
        {},
        () => logs.put(group, 'tail-denied', fresh),
        (e) => e.length >= 4,
      );
      const mode = items.find((i) => i.kind === 'mode');
      assert.equal(mode?.kind === 'mode' && mode.mode, 'polling');
      assert.match(mode?.kind === 'mode' ? (mode.reason ?? '') : '', /AccessDenied/);
      assert.deepEqual(
        events.map((e) => e.message),
        fresh.map((e) => e.message),
      );
    });

    it('resumes after a dropped live connection with no duplicate and no gap', async () => {
      sandbox.faults.add({ service: 'logs', kind: 'dropTail', afterUpdates: 2, count: 1 });
      const all = lines('d', 60);
      const writer = async (): Promise<void> => {
        // Written in small bursts over time, so some land before the drop, some during the reconnect, some after.
        for (let i = 0; i < all.length; i += 6) {
          await logs.put(group, 'tail-drop', all.slice(i, i + 6));
          await new Promise((r) => setTimeout(r, 60));
        }
      };
      const { events, items } = await tailWhile('tail-drop', {}, writer, (e) => e.length >= all.length);
      assert.ok(
        items.some((i) => i.kind === 'reconnecting'),
        'the connection was dropped',
      );
      assert.deepEqual(
        events.map((e) => e.message),
        all.map((e) => e.message),
      );
    });
  });
});
