import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { parseEndExclusive, parseStart } from '../../../src/cli/timeArgs';

describe('get-log-stream times', () => {
  it('-s DATE starts at Santiago midnight, winter (UTC-4) and summer (UTC-3)', () => {
    assert.equal(new Date(parseStart('2020-06-30', '--start')).toISOString(), '2020-06-30T04:00:00.000Z');
    assert.equal(new Date(parseStart('2021-01-15', '--start')).toISOString(), '2021-01-15T03:00:00.000Z');
  });

  it('-s on a day without midnight (clocks jump 00:00 -> 01:00) starts at 01:00', () => {
    // Chile began summer time on Sunday 2020-09-06.
    assert.equal(new Date(parseStart('2020-09-06', '--start')).toISOString(), '2020-09-06T04:00:00.000Z');
    assert.equal(new Date(parseStart('2020-09-07', '--start')).toISOString(), '2020-09-07T03:00:00.000Z');
  });

  it('-s on the day after the repeated hour starts at its single midnight', () => {
    // Summer time ended on Sunday 2020-04-05: Saturday's 23:00-24:00 was lived twice.
    assert.equal(new Date(parseStart('2020-04-05', '--start')).toISOString(), '2020-04-05T04:00:00.000Z');
  });

  it('-e DATE includes the whole day; an instant is taken as given', () => {
    assert.equal(parseEndExclusive('2020-06-30', '--end'), Date.parse('2020-07-01T04:00:00Z'));
    assert.equal(parseStart('2020-06-30T08:00:00-04:00', '--start'), Date.parse('2020-06-30T12:00:00Z'));
    assert.equal(parseEndExclusive('2020-06-30T08:00:00Z', '--end'), Date.parse('2020-06-30T08:00:00Z') + 1);
  });

  it('rejects what is neither, naming the option', () => {
    assert.throws(
      () => parseStart('2020-02-30', '--start'),
      (e: unknown) => e instanceof InputError && /--start/.test(e.message),
    );
    assert.throws(() => parseStart('yesterday', '--start'), InputError);
    assert.throws(() => parseEndExclusive('2020-06-30T8', '--end'), /--end/);
  });

  it('a date-time without zone is Santiago time; a duration counts back from now', () => {
    assert.equal(parseStart('2020-06-30T08:00', '--start'), Date.parse('2020-06-30T12:00:00Z'));
    assert.equal(parseStart('2h', '--start', 10_000_000), 10_000_000 - 7_200_000);
  });
});
