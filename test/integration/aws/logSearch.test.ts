// The search adapter against the sandbox: newest first over a long, sparse window (every hit once, in order,
// across empty pages and slices), streams beyond FilterLogEvents' 100 names, the tail's filter live and polling,
// and Insights polling with StopQuery on cancel.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import type { AwsClients } from '../../../src/aws/clients';
import { collect, productClients } from '../../helpers/sandboxClients';
import { CloudWatchLogs, type LogEvent } from '../../../src/aws/logs';
import { CloudWatchLogSearch, type SearchHit } from '../../../src/aws/logSearch';
import { UserError } from '../../../src/core/errors';

describe('aws/logSearch against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let clients: AwsClients;
  let logs: CloudWatchLogs;
  let search: CloudWatchLogSearch;
  let group: string;
  const T0 = Date.UTC(2020, 5, 1, 4, 0, 0);
  const DAY = 86_400_000;

  before(async () => {
    sandbox = await startSandbox({ liveTailIntervalMs: 100, seed: false });
    clients = productClients(sandbox);
    logs = new CloudWatchLogs(clients.logs);
    search = new CloudWatchLogSearch(clients.logs);
    group = 'search-group';
    await logs.ensureGroup(group);
    // A month on two streams: 30,000 INFO lines (dense) and an ERROR every ~8 hours (sparse).
    for (const stream of ['a', 'b']) {
      const events = Array.from({ length: 15_000 }, (_, i) => {
        const timestamp = T0 + Math.floor((i * 30 * DAY) / 15_000) + (stream === 'b' ? 7 : 0);
        return { timestamp, message: i % 500 === 0 ? `ERROR ${stream}${i}` : `INFO ${stream}${i}` };
      });
      await logs.put(group, stream, events);
    }
  });

  after(async () => {
    clients?.destroy();
    await sandbox?.close();
  });

  it('newest first gives every hit once, in order, the reverse of oldest first', async () => {
    sandbox.faults.resetCounts();
    const window = { start: T0, end: T0 + 31 * DAY };
    const newest = await collect(search.search(group, { pattern: 'ERROR', ...window }));
    const calls = sandbox.faults.count('logs', 'FilterLogEvents');
    const oldest = await collect(search.search(group, { pattern: 'ERROR', ...window, order: 'oldest' }));
    assert.equal(newest.length, 60);
    assert.deepEqual(
      newest.map((h) => h.message),
      oldest.map((h) => h.message).reverse(),
    );
    assert.ok(
      newest.every((h, i) => i === 0 || (newest[i - 1] as SearchHit).timestamp >= h.timestamp),
      'timestamps descend',
    );
    assert.deepEqual(new Set(newest.map((h) => h.stream)), new Set(['a', 'b']));
    // Slices double while sparse: a month is read in a few dozen calls, not one per hour.
    assert.ok(calls < 60, `${calls} FilterLogEvents calls`);
  });

  it('a dense search (every line) still comes out whole and in order, newest first', async () => {
    const all = await collect(search.search(group, { pattern: '', start: T0, end: T0 + 31 * DAY, streams: ['a'] }));
    assert.equal(all.length, 15_000);
    assert.ok(all.every((h, i) => i === 0 || (all[i - 1] as SearchHit).timestamp >= h.timestamp));
  });

  it('the window is exact: start included, end excluded', async () => {
    const first = T0; // a0 is an ERROR at exactly T0
    const hits = await collect(
      search.search(group, { pattern: 'ERROR', start: first, end: first + 1, streams: ['a'] }),
    );
    assert.deepEqual(
      hits.map((h) => h.message),
      ['ERROR a0'],
    );
    const none = await collect(
      search.search(group, { pattern: 'ERROR', start: first - 1000, end: first, streams: ['a'] }),
    );
    assert.deepEqual(none, []);
  });

  it('more than 100 streams are searched 100 at a time and merged in time order', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `many-${String(i).padStart(3, '0')}`);
    for (const [i, name] of names.entries())
      await logs.put(group, name, [{ timestamp: T0 + i, message: `ERROR ${name}` }]);
    sandbox.faults.resetCounts();
    const hits = await collect(
      search.search(group, { pattern: 'ERROR', start: T0, end: T0 + 1000, streams: names, order: 'oldest' }),
    );
    assert.deepEqual(
      hits.map((h) => h.stream),
      names,
    );
  });

  it('an invalid pattern is one UserError naming the pattern', async () => {
    await assert.rejects(
      collect(search.search(group, { pattern: 'ERROR:', start: T0, end: T0 + DAY })),
      (e: unknown) => e instanceof UserError && /"ERROR:"/.test(e.message) && e.exitCode === 2,
    );
  });

  for (const pollOnly of [false, true]) {
    it(`the tail's filter pattern applies to history and new events (${pollOnly ? 'polling' : 'live'})`, async () => {
      const stream = `tail-filter-${pollOnly ? 'poll' : 'live'}`;
      const now = Date.now();
      await logs.put(group, stream, [
        { timestamp: now - 3000, message: 'INFO old' },
        { timestamp: now - 2000, message: 'ERROR old' },
      ]);
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 20_000);
      const events: LogEvent[] = [];
      let wrote: Promise<void> | undefined;
      try {
        for await (const item of logs.tail(group, stream, {
          startTime: now - 10_000,
          signal: abort.signal,
          pollIntervalMs: 100,
          pollOnly,
          filterPattern: 'ERROR',
        })) {
          if (item.kind === 'mode') {
            wrote ??= logs.put(group, stream, [
              { timestamp: Date.now(), message: 'INFO new' },
              { timestamp: Date.now() + 1, message: 'ERROR new' },
            ]);
          }
          if (item.kind === 'event') events.push(item.event);
          if (events.length >= 2) break;
        }
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      await wrote;
      assert.deepEqual(
        events.map((e) => e.message),
        ['ERROR old', 'ERROR new'],
      );
    });
  }

  it('Insights: polls until Complete and returns the rows as records', async () => {
    const statuses: string[] = [];
    const result = await search.insights({
      group,
      query:
        'filter @message like /ERROR/ and @logStream in ["a", "b"] | stats count(*) as n by @logStream | sort @logStream',
      start: T0,
      end: T0 + 31 * DAY,
      pollIntervalMs: 20,
      onStatus: (s) => statuses.push(s),
    });
    assert.deepEqual(statuses, ['Running', 'Complete']);
    assert.deepEqual(result.fields, ['@logStream', 'n']);
    assert.deepEqual(result.rows, [
      { '@logStream': 'a', n: '30' },
      { '@logStream': 'b', n: '30' },
    ]);
    assert.equal(result.recordsMatched, 60);
  });

  it('Insights: cancelling stops the query on the service (StopQuery)', async () => {
    const abort = new AbortController();
    sandbox.faults.resetCounts();
    const run = search.insights({
      group,
      query: 'fields @message',
      start: T0,
      end: T0 + DAY,
      pollIntervalMs: 5_000,
      signal: abort.signal,
      onStatus: () => abort.abort(),
    });
    await assert.rejects(run, (e: unknown) => e instanceof UserError && /cancelled/.test(e.message));
    assert.equal(sandbox.faults.count('logs', 'StopQuery'), 1);
  });
});
