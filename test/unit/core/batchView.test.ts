// What the extension shows of batches without calling AWS: dates from execution names, the console page of an
// execution, and the days running batches hold for the calendar.
import * as assert from 'node:assert/strict';
import type { DayProgress } from '../../../src/core/batchProgress';
import { batchDays, datesOfExecutionName, executionConsoleUrl } from '../../../src/core/batchView';

const day = (date: string, state: DayProgress['state']): DayProgress => ({ date, state, attempts: 1 });

describe('batch view helpers', () => {
  it('reads the dates of an execution name made by executionName, and nothing from other names', () => {
    assert.deepEqual(datesOfExecutionName('2020-06-29_2020-07-01_3d_20261201T113000Z_a1b2c3'), {
      from: '2020-06-29',
      to: '2020-07-01',
      days: 3,
    });
    assert.equal(datesOfExecutionName('manual-run-from-console'), undefined);
  });

  it('links an execution to its console page in its own region and partition', () => {
    const arn = 'arn:aws:states:sa-east-1:123456789012:execution:adatrap-miner-batches:2020-06-29_2020-06-29_1d_x';
    assert.equal(
      executionConsoleUrl(arn),
      `https://sa-east-1.console.aws.amazon.com/states/home?region=sa-east-1#/v2/executions/details/${encodeURIComponent(arn)}`,
    );
    assert.match(
      executionConsoleUrl('arn:aws-cn:states:cn-north-1:123456789012:execution:m:n') ?? '',
      /^https:\/\/console\.amazonaws\.cn\/states\/home\?region=cn-north-1#/,
    );
    assert.equal(executionConsoleUrl('arn:aws:states:us-east-1:123456789012:stateMachine:m'), undefined);
  });

  it('gives the calendar the open days of running batches only, the busier state winning', () => {
    const days = batchDays([
      {
        executionArn: 'a',
        status: 'RUNNING',
        days: [day('2020-06-29', 'succeeded'), day('2020-06-30', 'running'), day('2020-07-01', 'queued')],
      },
      { executionArn: 'b', status: 'RUNNING', days: [day('2020-07-01', 'retrying'), day('2020-07-02', 'queued')] },
      { executionArn: 'c', status: 'ABORTED', days: [day('2020-07-03', 'queued')] },
    ]);
    assert.deepEqual(
      [...days.values()].map((d) => [d.date, d.kind, d.executionArn]),
      [
        ['2020-06-30', 'running', 'a'],
        ['2020-07-01', 'running', 'b'],
        ['2020-07-02', 'queued', 'b'],
      ],
    );
  });
});
