import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { parseTimeBound, parseTimeWindow } from '../../../src/core/timeRange';

const NOW = Date.parse('2020-07-01T15:00:00Z');

describe('log time windows (--since / --until)', () => {
  it('a duration counts back from now, for either bound', () => {
    assert.equal(parseTimeBound('15m', '--since', 'start', NOW), NOW - 15 * 60_000);
    assert.equal(parseTimeBound('2h', '--since', 'start', NOW), NOW - 2 * 3_600_000);
    assert.equal(parseTimeBound('3d', '--since', 'start', NOW), NOW - 3 * 86_400_000);
    assert.equal(parseTimeBound('1w', '--until', 'end', NOW), NOW - 7 * 86_400_000);
    assert.equal(parseTimeBound(' 30s ', '--since', 'start', NOW), NOW - 30_000);
  });

  it('a bare date is a Santiago day: start at its midnight, end exclusive at the next one', () => {
    assert.equal(new Date(parseTimeBound('2020-06-30', '--since', 'start')).toISOString(), '2020-06-30T04:00:00.000Z');
    assert.equal(new Date(parseTimeBound('2020-06-30', '--until', 'end')).toISOString(), '2020-07-01T04:00:00.000Z');
    assert.equal(new Date(parseTimeBound('2021-01-15', '--since', 'start')).toISOString(), '2021-01-15T03:00:00.000Z');
  });

  it('a date-time without zone is Santiago wall-clock time (winter UTC-4, summer UTC-3)', () => {
    assert.equal(parseTimeBound('2020-06-30 08:00', '--since', 'start'), Date.parse('2020-06-30T12:00:00Z'));
    assert.equal(parseTimeBound('2020-06-30T08:00:30', '--since', 'start'), Date.parse('2020-06-30T12:00:30Z'));
    assert.equal(parseTimeBound('2021-01-15 08:00', '--since', 'start'), Date.parse('2021-01-15T11:00:00Z'));
    // An instant as an end is included: the window ends one millisecond after it.
    assert.equal(parseTimeBound('2020-06-30 08:00', '--until', 'end'), Date.parse('2020-06-30T12:00:00Z') + 1);
  });

  it('a wall time around the clock changes maps to a real instant', () => {
    // 2020-09-06 00:30 does not exist in Santiago (00:00 -> 01:00): read with the winter offset.
    assert.equal(parseTimeBound('2020-09-06 00:30', '--since', 'start'), Date.parse('2020-09-06T04:30:00Z'));
    // 2020-04-04 23:30 was lived twice: the first of the two.
    assert.equal(parseTimeBound('2020-04-04 23:30', '--since', 'start'), Date.parse('2020-04-05T02:30:00Z'));
  });

  it('an ISO date-time with zone is taken as it is', () => {
    assert.equal(parseTimeBound('2020-06-30T08:00:00-04:00', '--since', 'start'), Date.parse('2020-06-30T12:00:00Z'));
    assert.equal(parseTimeBound('2020-06-30T08:00:00Z', '--until', 'end'), Date.parse('2020-06-30T08:00:00Z') + 1);
  });

  it('refuses anything else, naming the option and the text', () => {
    for (const bad of ['yesterday', '2h30', '2020-02-30', '2020-06-30 25:00', '-2h', '', '10y']) {
      assert.throws(
        () => parseTimeBound(bad, '--since', 'start', NOW),
        (e: unknown) => e instanceof InputError && e.message.includes('--since') && e.message.includes(`"${bad}"`),
        bad,
      );
    }
  });

  it('a window defaults to the given duration up to now, and refuses an empty one', () => {
    assert.deepEqual(parseTimeWindow(undefined, undefined, '1d', NOW), { start: NOW - 86_400_000, end: NOW + 1 });
    assert.deepEqual(parseTimeWindow('2020-06-30', '2020-06-30', '1d', NOW), {
      start: Date.parse('2020-06-30T04:00:00Z'),
      end: Date.parse('2020-07-01T04:00:00Z'),
    });
    assert.throws(() => parseTimeWindow('1h', '2h', '1d', NOW), /--until/);
  });
});
