// The step runner behind processDay: each step's duration kept in order and reported, a failed one included.
import * as assert from 'node:assert/strict';
import { StepTimer } from '../../../agent/stepTimer';

describe('StepTimer (processDay named steps)', () => {
  it('times each step in the order it ran, reports it, and passes its value through', async () => {
    let now = 1_000;
    const reported: string[] = [];
    const timer = new StepTimer(
      (step, seconds, failed) => reported.push(`${step}:${seconds}:${failed}`),
      () => now,
    );
    const first = await timer.run('download', () => {
      now += 2_340;
      return Promise.resolve(42);
    });
    await timer.run('unpack', () => {
      now += 50;
      return Promise.resolve();
    });
    assert.equal(first, 42);
    assert.deepEqual(timer.timings, { download: 2.3, unpack: 0.1 });
    assert.deepEqual(Object.keys(timer.timings), ['download', 'unpack']);
    assert.deepEqual(reported, ['download:2.3:false', 'unpack:0.1:false']);
  });

  it('records and reports a failed step, then rethrows its error unchanged', async () => {
    let now = 0;
    const reported: string[] = [];
    const timer = new StepTimer(
      (step, seconds, failed) => reported.push(`${step}:${seconds}:${failed}`),
      () => now,
    );
    const boom = new Error('input missing');
    await assert.rejects(
      timer.run('chooseInputs', () => {
        now += 1_000;
        return Promise.reject(boom);
      }),
      (e) => e === boom,
    );
    assert.deepEqual(timer.timings, { chooseInputs: 1 });
    assert.deepEqual(reported, ['chooseInputs:1:true']);
  });
});
