// The step runner behind processDay: each step's duration kept in order and reported, a failed one included.
import * as assert from 'node:assert/strict';
import { StepTimer } from '../../../agent/stepTimer';

/** A timer on a clock the test moves (`clock.now`, in ms), each report kept as `step:seconds:failed`. */
function timerAt(start: number): { timer: StepTimer; clock: { now: number }; reported: string[] } {
  const clock = { now: start };
  const reported: string[] = [];
  const timer = new StepTimer(
    (step, seconds, failed) => reported.push(`${step}:${seconds}:${failed}`),
    () => clock.now,
  );
  return { timer, clock, reported };
}

describe('StepTimer (processDay named steps)', () => {
  it('times each step in the order it ran, reports it, and passes its value through', async () => {
    const { timer, clock, reported } = timerAt(1_000);
    const first = await timer.run('download', () => {
      clock.now += 2_340;
      return Promise.resolve(42);
    });
    await timer.run('unpack', () => {
      clock.now += 50;
      return Promise.resolve();
    });
    assert.equal(first, 42);
    assert.deepEqual(timer.timings, { download: 2.3, unpack: 0.1 });
    assert.deepEqual(Object.keys(timer.timings), ['download', 'unpack']);
    assert.deepEqual(reported, ['download:2.3:false', 'unpack:0.1:false']);
  });

  it('records and reports a failed step, then rethrows its error unchanged', async () => {
    const { timer, clock, reported } = timerAt(0);
    const boom = new Error('input missing');
    await assert.rejects(
      timer.run('chooseInputs', () => {
        clock.now += 1_000;
        return Promise.reject(boom);
      }),
      (e) => e === boom,
    );
    assert.deepEqual(timer.timings, { chooseInputs: 1 });
    assert.deepEqual(reported, ['chooseInputs:1:true']);
  });
});
