import * as assert from 'node:assert/strict';
import { santiagoDayStart } from '../../../src/core/santiagoTime';

describe('santiagoDayStart', () => {
  it('starts a winter day at 04:00 UTC (UTC-4)', () => {
    assert.equal(new Date(santiagoDayStart('2020-06-30')).toISOString(), '2020-06-30T04:00:00.000Z');
  });

  it('starts a summer day at 03:00 UTC (UTC-3)', () => {
    assert.equal(new Date(santiagoDayStart('2021-01-15')).toISOString(), '2021-01-15T03:00:00.000Z');
  });

  it('starts the day clocks jump forward (2020-09-06, no 00:00) at the change, 04:00 UTC', () => {
    assert.equal(new Date(santiagoDayStart('2020-09-06')).toISOString(), '2020-09-06T04:00:00.000Z');
  });

  it('starts the day after clocks go back (2020-04-05) once the repeated hour is over, 04:00 UTC', () => {
    assert.equal(new Date(santiagoDayStart('2020-04-05')).toISOString(), '2020-04-05T04:00:00.000Z');
  });

  it('makes consecutive days meet: each day ends where the next begins', () => {
    for (const [a, b] of [
      ['2020-09-05', '2020-09-06'],
      ['2020-04-04', '2020-04-05'],
      ['2020-06-29', '2020-06-30'],
    ]) {
      const length = santiagoDayStart(b) - santiagoDayStart(a);
      assert.ok(length >= 23 * 3_600_000 && length <= 25 * 3_600_000, `${a} lasts ${length / 3_600_000} h`);
    }
  });
});
