import * as assert from 'node:assert/strict';
import {
  EXECUTION_NAME_MAX,
  batchProgress,
  datesOfInput,
  foldHistory,
  foldProgress,
  newBatchFold,
  executionName,
  executionNameOf,
  summarizeBatch,
  type HistoryEventLike,
} from '../../../src/core/batchProgress';
import { WORKFLOW_ERRORS, launchStateName } from '../../../src/core/workflowDefinition';

// Histories in the shape of GetExecutionHistory (Step Functions API reference, HistoryEvent): ids ascending,
// each event's previousEventId the event before it on its own line (the execution, or one Map iteration).
class History {
  readonly events: HistoryEventLike[] = [];
  private at = Date.parse('2026-12-01T10:00:00Z');

  push(type: string, previous: number, details: Partial<HistoryEventLike> = {}): number {
    const id = this.events.length + 1;
    this.at += 1000;
    this.events.push({ id, previousEventId: previous, timestamp: new Date(this.at), type, ...details });
    return id;
  }

  enter(previous: number, type: string, name: string, input: unknown = {}): number {
    return this.push(`${type}StateEntered`, previous, {
      stateEnteredEventDetails: { name, input: JSON.stringify(input) },
    });
  }

  /** The start of an execution up to MapStateStarted; returns the id iterations chain from. */
  begin(days: number): number {
    const started = this.push('ExecutionStarted', 0);
    const map = this.enter(started, 'Map', 'Days');
    return this.push('MapStateStarted', map, { mapStateStartedEventDetails: { length: days } } as never);
  }

  iteration(mapStarted: number, index: number): number {
    return this.push('MapIterationStarted', mapStarted, { mapIterationStartedEventDetails: { name: 'Days', index } });
  }

  /** Prepare .. launch Task submitted; returns the id of TaskSubmitted. */
  launch(previous: number, instanceId: string): number {
    const prepare = this.enter(previous, 'Pass', 'Prepare');
    const route = this.enter(prepare, 'Choice', 'Route launch');
    const task = this.enter(route, 'Task', launchStateName('spot', false, false));
    const scheduled = this.push('TaskScheduled', task);
    const started = this.push('TaskStarted', scheduled);
    return this.push('TaskSubmitted', started, {
      taskSubmittedEventDetails: { output: JSON.stringify({ Instances: [{ InstanceId: instanceId }] }) },
    });
  }
}

const DATES = ['2020-06-29', '2020-06-30', '2020-07-01'];

describe('batchProgress (per-day progress from an execution history)', () => {
  it('reads queued, running and succeeded days, with the machine of each', () => {
    const h = new History();
    const map = h.begin(3);
    const a = h.iteration(map, 0);
    const b = h.iteration(map, 1);
    const aRun = h.launch(a, 'i-aaa');
    const bRun = h.launch(b, 'i-bbb');
    const aDone = h.push('TaskSucceeded', aRun);
    const aOk = h.enter(aDone, 'Pass', 'Succeeded');
    h.push('MapIterationSucceeded', aOk, { mapIterationSucceededEventDetails: { name: 'Days', index: 0 } });
    void bRun;
    const days = batchProgress(DATES, h.events);
    assert.deepEqual(
      days.map((d) => [d.date, d.state, d.attempts, d.instanceId]),
      [
        ['2020-06-29', 'succeeded', 1, 'i-aaa'],
        ['2020-06-30', 'running', 1, 'i-bbb'],
        ['2020-07-01', 'queued', 0, undefined],
      ],
    );
    assert.ok(days[0].startedAt && days[0].endedAt && days[0].endedAt > days[0].startedAt);
    const summary = summarizeBatch(days, 'RUNNING');
    assert.equal(summary.counts.succeeded, 1);
    assert.equal(summary.active, 1);
    assert.equal(summary.finished, 1);
    assert.equal(summary.done, false);
    assert.equal(summary.ok, false);
  });

  it('follows an interrupted day through its retry to success, counting tries', () => {
    const h = new History();
    const map = h.begin(1);
    const it0 = h.iteration(map, 0);
    const run1 = h.launch(it0, 'i-first');
    const failed = h.push('TaskFailed', run1, {
      taskFailedEventDetails: { error: WORKFLOW_ERRORS.interrupted, cause: 'Spot interruption notice' },
    });
    assert.equal(batchProgress(['2020-06-29'], h.events)[0].state, 'interrupted');
    const interrupted = h.enter(failed, 'Pass', 'Interrupted');
    const retry = h.enter(interrupted, 'Choice', 'Retry day?');
    const count = h.enter(retry, 'Pass', 'Count try');
    const backOff = h.enter(count, 'Wait', 'Back off');
    let day = batchProgress(['2020-06-29'], h.events)[0];
    assert.equal(day.state, 'retrying');
    assert.equal(day.reason, `${WORKFLOW_ERRORS.interrupted}: Spot interruption notice`);
    const nextTry = h.enter(backOff, 'Pass', 'Next try');
    const pick = h.enter(nextTry, 'Pass', 'Pick candidate');
    const route = h.enter(pick, 'Choice', 'Route launch');
    const task = h.enter(route, 'Task', launchStateName('spot', false, false));
    const scheduled = h.push('TaskScheduled', task);
    day = batchProgress(['2020-06-29'], h.events)[0];
    assert.equal(day.state, 'retrying');
    assert.equal(day.attempts, 2);
    const submitted = h.push('TaskSubmitted', scheduled, {
      taskSubmittedEventDetails: { output: JSON.stringify({ Instances: [{ InstanceId: 'i-second' }] }) },
    });
    const done = h.push('TaskSucceeded', submitted);
    h.enter(done, 'Pass', 'Succeeded');
    day = batchProgress(['2020-06-29'], h.events, 'SUCCEEDED')[0];
    assert.deepEqual([day.state, day.attempts, day.instanceId, day.reason], ['succeeded', 2, 'i-second', undefined]);
  });

  it('gives a failed day the error its Failed state received', () => {
    const h = new History();
    const map = h.begin(1);
    const run = h.launch(h.iteration(map, 0), 'i-x');
    const failed = h.push('TaskFailed', run, {
      taskFailedEventDetails: { error: WORKFLOW_ERRORS.runFailed, cause: 'GPS file missing' },
    });
    h.enter(failed, 'Pass', 'Failed', { error: { Error: WORKFLOW_ERRORS.runFailed, Cause: 'GPS file missing' } });
    const [day] = batchProgress(['2020-06-29'], h.events, 'SUCCEEDED');
    assert.equal(day.state, 'failed');
    assert.equal(day.reason, `${WORKFLOW_ERRORS.runFailed}: GPS file missing`);
    const summary = summarizeBatch([day], 'SUCCEEDED');
    assert.equal(summary.done, true);
    assert.equal(summary.ok, false, 'an execution that succeeded with a failed day is not a good batch');
  });

  it('marks what a stopped execution left behind as stopped, and keeps finished days', () => {
    const h = new History();
    const map = h.begin(3);
    const a = h.launch(h.iteration(map, 0), 'i-a');
    h.enter(h.push('TaskSucceeded', a), 'Pass', 'Succeeded');
    h.launch(h.iteration(map, 1), 'i-b');
    h.push('ExecutionAborted', h.events.length, {
      executionAbortedEventDetails: { error: 'Adatrap.Stopped', cause: 'stop-batch' },
    });
    const days = batchProgress(DATES, h.events, 'ABORTED');
    assert.deepEqual(
      days.map((d) => d.state),
      ['succeeded', 'stopped', 'stopped'],
    );
    assert.equal(days[1].reason, 'Adatrap.Stopped: stop-batch');
    assert.equal(summarizeBatch(days, 'ABORTED').ok, false);
  });

  it('ignores events outside the days and out-of-range indexes', () => {
    const h = new History();
    const map = h.begin(1);
    h.iteration(map, 5);
    const days = batchProgress(['2020-06-29'], h.events);
    assert.equal(days[0].state, 'queued');
  });

  it('takes the dates from the execution input, [] when it is not ours', () => {
    assert.deepEqual(datesOfInput(JSON.stringify({ schema: 1, dates: ['2020-06-29'] })), ['2020-06-29']);
    assert.deepEqual(datesOfInput('not json'), []);
    assert.deepEqual(datesOfInput(undefined), []);
  });
});

/** Three days: one succeeds, one is interrupted and succeeds on its retry, one fails; then the execution fails. */
function mixedHistory(): History {
  const h = new History();
  const map = h.begin(3);
  const a = h.launch(h.iteration(map, 0), 'i-a');
  const b = h.launch(h.iteration(map, 1), 'i-b1');
  const aOk = h.enter(h.push('TaskSucceeded', a), 'Pass', 'Succeeded');
  h.push('MapIterationSucceeded', aOk, { mapIterationSucceededEventDetails: { name: 'Days', index: 0 } });
  const c = h.launch(h.iteration(map, 2), 'i-c');
  const bFailed = h.push('TaskFailed', b, {
    taskFailedEventDetails: { error: WORKFLOW_ERRORS.interrupted, cause: 'Spot interruption notice' },
  });
  const backOff = h.enter(h.enter(bFailed, 'Pass', 'Interrupted'), 'Wait', 'Back off');
  const cFailed = h.push('TaskFailed', c, {
    taskFailedEventDetails: { error: WORKFLOW_ERRORS.runFailed, cause: 'GPS file missing' },
  });
  h.enter(cFailed, 'Pass', 'Failed', { error: { Error: WORKFLOW_ERRORS.runFailed, Cause: 'GPS file missing' } });
  const b2 = h.launch(h.enter(backOff, 'Pass', 'Next try'), 'i-b2');
  const bOk = h.enter(h.push('TaskSucceeded', b2), 'Pass', 'Succeeded');
  h.push('MapIterationSucceeded', bOk, { mapIterationSucceededEventDetails: { name: 'Days', index: 1 } });
  h.push('ExecutionFailed', h.events.length, { executionFailedEventDetails: { error: 'States.Runtime' } });
  return h;
}

describe('foldHistory (a poll folds only the new events)', () => {
  const histories = {
    mixed: mixedHistory().events,
    stopped: ((): HistoryEventLike[] => {
      const h = new History();
      const map = h.begin(3);
      h.launch(h.iteration(map, 0), 'i-a');
      h.push('ExecutionAborted', h.events.length, {
        executionAbortedEventDetails: { error: 'Adatrap.Stopped', cause: 'stop-batch' },
      });
      return h.events;
    })(),
  };
  const statuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'UNKNOWN'] as const;

  for (const [name, events] of Object.entries(histories)) {
    it(`equals the full fold at every point of the ${name} history, however the new events are split`, () => {
      for (const chunk of [1, 2, 3, 7, events.length]) {
        const fold = newBatchFold(DATES);
        for (let end = chunk; end < events.length + chunk; end += chunk) {
          const upTo = Math.min(end, events.length);
          // Newest first, as a reverseOrder page gives them, and overlapping what was already folded.
          foldHistory(fold, events.slice(Math.max(0, end - chunk - 1), upTo).reverse());
          assert.equal(fold.lastEventId, upTo);
          for (const status of statuses) {
            assert.deepEqual(
              foldProgress(fold, status),
              batchProgress(DATES, events.slice(0, upTo), status),
              `${name}, chunks of ${chunk}, ${upTo} events, ${status}`,
            );
          }
        }
      }
    });
  }

  it('reads the mixed history as its days ended, and leaves the fold unchanged when reading a final status', () => {
    const fold = newBatchFold(DATES);
    foldHistory(fold, histories.mixed);
    assert.deepEqual(
      foldProgress(fold, 'FAILED').map((d) => [d.state, d.attempts, d.instanceId]),
      [
        ['succeeded', 1, 'i-a'],
        ['succeeded', 2, 'i-b2'],
        ['failed', 1, 'i-c'],
      ],
    );
    const stopped = newBatchFold(DATES);
    foldHistory(stopped, histories.stopped);
    assert.deepEqual(
      foldProgress(stopped, 'ABORTED').map((d) => d.state),
      ['stopped', 'stopped', 'stopped'],
    );
    assert.deepEqual(
      foldProgress(stopped, 'RUNNING').map((d) => d.state),
      ['running', 'queued', 'queued'],
      'the final status was applied to a copy',
    );
  });
});

describe('executionName', () => {
  it('names the range, the count, the time and a nonce, within the documented characters and length', () => {
    const name = executionName(
      ['2020-07-01', '2020-06-29', '2020-06-30'],
      new Date('2026-12-01T11:22:33.456Z'),
      'a1b2',
    );
    assert.equal(name, '2020-06-29_2020-07-01_3d_20261201T112233Z_a1b2');
    assert.match(name, /^[0-9A-Za-z_-]+$/);
    assert.ok(name.length <= EXECUTION_NAME_MAX);
    assert.equal(executionName(['2020-06-29'], new Date(0), 'zz'), '2020-06-29_1d_19700101T000000Z_zz');
    assert.equal(executionName(['2020-06-29'], new Date(0), 'a/b c:d'), '2020-06-29_1d_19700101T000000Z_abcd');
  });

  it('reads the name back from an execution ARN', () => {
    assert.equal(executionNameOf('arn:aws:states:us-east-1:123456789012:execution:adatrap-miner-batches:x_1'), 'x_1');
  });
});
