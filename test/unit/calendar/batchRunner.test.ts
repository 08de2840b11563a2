// The calendar's batch: launched through the shared launcher (fake here), followed until every machine ends.
import * as assert from 'node:assert/strict';
import type { RangeOptions, RangeSummary } from '../../../src/aws/launcher';
import type { RunInfo } from '../../../src/aws/runs';
import type { DateRange } from '../../../src/core/dates';
import { eachDate } from '../../../src/core/dates';
import {
  BatchRunner,
  contiguous,
  outcomeOf,
  type BatchDeps,
  type BatchState,
} from '../../../src/vscode/calendar/batchRunner';

async function until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A launcher that starts each date as i-<date>, reporting events as the real one does. */
function fakeLauncher(calls: DateRange[], fail: Record<string, string> = {}) {
  return async (range: DateRange, options: RangeOptions): Promise<RangeSummary> => {
    calls.push(range);
    const summary: RangeSummary = { launched: [], skipped: [], failed: [] };
    const dates = eachDate(range);
    for (const [i, date] of dates.entries()) {
      options.signal?.throwIfAborted();
      options.onEvent?.({ type: 'launching', date, index: i + 1, total: dates.length });
      if (fail[date]) {
        options.onEvent?.({ type: 'failed', date, message: fail[date] });
        continue;
      }
      const instanceId = `i-${date}`;
      summary.launched.push({ date, instanceId });
      options.onEvent?.({ type: 'launched', date, instanceId, index: i + 1, total: dates.length });
    }
    return summary;
  };
}

/** A batch launched by `launchRange`, its machines listed by `listRuns` (none by default), followed every 10 ms. */
function deps(
  launchRange: BatchDeps['launchRange'],
  maxParallel: number,
  listRuns: BatchDeps['listRuns'] = async () => [],
): BatchDeps {
  return { launchRange, listRuns, maxParallel, followMs: 10 };
}

describe('calendar batch runner', () => {
  let runner: BatchRunner;
  afterEach(() => runner?.dispose());

  it('launches each contiguous part in order, skips what the pre-flight refused, follows each machine to its end', async () => {
    runner = new BatchRunner();
    const calls: DateRange[] = [];
    let runs: RunInfo[] = [];
    const seen: BatchState[] = [];
    runner.onDidChange((s) => s && seen.push(s));
    runner.start(
      ['2020-07-01', '2020-06-29', '2020-06-30'],
      [{ date: '2020-07-02', reason: 'missing trx' }],
      deps(fakeLauncher(calls), 2, async () => runs),
    );
    assert.equal(runner.active, true);
    assert.deepEqual(calls, [{ from: '2020-06-29', to: '2020-07-01' }]);
    await until(() => runner.state?.items.filter((i) => i.status === 'running').length === 3);
    assert.deepEqual(
      runner.state?.items.map((i) => [i.date, i.status, i.instanceId ?? i.detail]),
      [
        ['2020-06-29', 'running', 'i-2020-06-29'],
        ['2020-06-30', 'running', 'i-2020-06-30'],
        ['2020-07-01', 'running', 'i-2020-07-01'],
        ['2020-07-02', 'skipped', 'missing trx'],
      ],
    );

    runs = [
      { instanceId: 'i-2020-06-29', state: 'terminated', status: 'succeeded' },
      { instanceId: 'i-2020-06-30', state: 'running', status: 'failed: exit 3' },
      { instanceId: 'i-2020-07-01', state: 'running', status: 'running' },
    ];
    await until(() => runner.state?.items[1].status === 'failed');
    assert.equal(runner.state?.items[0].status, 'succeeded');
    assert.equal(runner.state?.items[1].detail, 'exit 3');
    assert.equal(runner.state?.items[2].status, 'running');
    assert.equal(runner.active, true, 'one machine still works');

    runs = [...runs.slice(0, 2), { instanceId: 'i-2020-07-01', state: 'terminated', status: 'running' }];
    await until(() => runner.state?.finished === true);
    assert.deepEqual(outcomeOf(runs[2]), { status: 'failed', detail: 'terminated' });
    assert.equal(runner.active, false);
    assert.ok(seen.length >= 4, 'every step was published');
  });

  it('splits a selection with a gap into ranges, so the gap is never launched', async () => {
    runner = new BatchRunner();
    const calls: DateRange[] = [];
    runner.start(['2020-06-29', '2020-07-01'], [], deps(fakeLauncher(calls), 4));
    await until(() => calls.length === 2);
    assert.deepEqual(calls, [
      { from: '2020-06-29', to: '2020-06-29' },
      { from: '2020-07-01', to: '2020-07-01' },
    ]);
    assert.deepEqual(contiguous(['2020-12-31', '2021-01-01', '2021-01-03']), [
      { from: '2020-12-31', to: '2021-01-01' },
      { from: '2021-01-03', to: '2021-01-03' },
    ]);
  });

  it('records a launch failure on its day and a configuration error on every day not started', async () => {
    runner = new BatchRunner();
    runner.start(['2020-06-29'], [], deps(fakeLauncher([], { '2020-06-29': 'RunInstances denied' }), 1));
    await until(() => runner.state?.finished === true);
    assert.deepEqual(
      runner.state?.items.map((i) => [i.status, i.detail]),
      [['failed', 'RunInstances denied']],
    );

    runner.dispose();
    runner = new BatchRunner();
    const unconfigured = async (): Promise<RangeSummary> => {
      throw new Error('INSTANCE_PROFILE is not set');
    };
    runner.start(['2020-06-29', '2020-06-30'], [], deps(unconfigured, 1));
    await until(() => runner.state?.finished === true);
    assert.deepEqual(
      runner.state?.items.map((i) => [i.status, i.detail]),
      [
        ['failed', 'INSTANCE_PROFILE is not set'],
        ['failed', 'INSTANCE_PROFILE is not set'],
      ],
    );
  });

  it('refuses a second batch while one is active, and cancels what has not started', async () => {
    runner = new BatchRunner();
    const waiting: BatchDeps['launchRange'] = (_range, options) =>
      new Promise<RangeSummary>((_resolve, reject) => {
        options.onEvent?.({ type: 'waiting', date: '2020-06-29', live: 4, maxParallel: 4 });
        options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    runner.start(['2020-06-29', '2020-06-30'], [], deps(waiting, 4));
    assert.equal(runner.state?.items[0].status, 'waiting');
    assert.equal(runner.state?.items[0].detail, '4/4');
    assert.throws(() => runner.start(['2020-07-01'], [], deps(fakeLauncher([]), 1)));
    runner.cancel();
    await until(() => runner.state?.finished === true);
    assert.deepEqual(
      runner.state?.items.map((i) => i.status),
      ['cancelled', 'cancelled'],
    );
  });
});
